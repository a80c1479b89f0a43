package dev.confidant.pii.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.MappingVaults;
import dev.confidant.pii.spi.VaultKey;
import dev.confidant.pii.spi.VaultPolicy;
import dev.confidant.pii.testing.MutableClock;
import dev.confidant.pii.EntityType;
import dev.confidant.pii.PlaceholderStyle;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InMemoryVaultTest {
  @Test
  void expiredConversationsLeaveMemoryWhileOtherCallsAreServed() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    MappingVault v = MappingVaults.inMemory(VaultPolicy.defaults().withClock(clock));
    for (int i = 0; i < 40; i++) {
      v.merge(new VaultKey("s", "owner" + i, "t"), Map.of("[NAME_1]", "Value " + i));
    }
    assertThat(v.toString()).contains("40 owners");
    clock.advance(VaultPolicy.DEFAULT_TIME_TO_LIVE);

    VaultKey unrelated = new VaultKey("s", "carol", "t");
    for (int calls = 0; calls < 40 / (InMemoryVault.SWEEP_BUDGET / 2) + 1; calls++) {
      v.load(unrelated);
    }

    assertThat(v.toString()).contains("[0 owners]");
  }

  /**
   * Turn after turn, each adding values, the mapping a call starts from (over the one an earlier state was seeded
   * into, the entries since seeded on top, the chain cut now and then) is the mapping seeding the stored entries anew
   * gives: same entries, same placeholders for new values, same re-match state and values since an earlier state.
   */
  @Test
  void eachTurnsMappingStartsAsSeedingTheStoredEntriesAnewWould() {
    MappingVault v = MappingVaults.inMemory();
    VaultKey key = new VaultKey("s", "alice", "t");
    v.merge(key, Map.of("[NAME_1]", "Anna Weber"));
    // What the thread holds, in write order: each state shares its predecessor's entries rather than copying them.
    LinkedHashMap<String, String> written = new LinkedHashMap<>(Map.of("[NAME_1]", "Anna Weber"));
    Random random = new Random(42);
    EntityType[] types = {EntityType.PERSON, EntityType.EMAIL, EntityType.PHONE};
    List<Mapping.RematchState> states = new java.util.ArrayList<>();
    int layered = 0;
    int seededWhole = 0;
    for (int turn = 0; turn < 300; turn++) {
      Map<String, String> stored = v.load(key);
      assertThat(stored).containsExactlyEntriesOf(written);
      FrozenMap frozen = (FrozenMap) stored;
      Mapping call = frozen.newMapping(PlaceholderStyle.SQUARE);
      Mapping fresh = new Mapping(PlaceholderStyle.SQUARE);
      fresh.seed(stored);
      if (frozen.followsEarlier()) {
        layered++;
      } else {
        seededWhole++;
      }
      assertThat(call.asMap()).containsExactlyEntriesOf(fresh.asMap());
      assertThat(call.rematchState()).isEqualTo(fresh.rematchState());
      assertThat(call.added()).isEmpty();
      for (Mapping.RematchState earlier : states.subList(Math.max(0, states.size() - 40), states.size())) {
        assertThat(call.valuesSince(earlier)).isEqualTo(fresh.valuesSince(earlier));
      }
      states.add(call.rematchState());
      for (int i = 0; i < 1 + random.nextInt(3); i++) {
        EntityType type = types[random.nextInt(types.length)];
        String value = random.nextInt(4) == 0 ? "anna weber" : "value " + turn + " " + i;
        assertThat(call.placeholderFor(type, value)).isEqualTo(fresh.placeholderFor(type, value));
      }
      assertThat(call.added()).containsExactlyEntriesOf(fresh.added());
      v.merge(key, call.added());
      written.putAll(call.added());
    }
    assertThat(v.load(key)).hasSizeGreaterThan(300);
    // Mostly over an earlier state's seeded mapping; seeded whole about every sqrt(2n) turns, not more often.
    assertThat(layered).isGreaterThan(250);
    assertThat(seededWhole).isBetween(3, 40);
  }

  @Test
  void aStateFollowsASeededOneOnlyWithinItsBound() {
    assertThat(FrozenMap.maxSinceEarlier(0)).isEqualTo(16);
    assertThat(FrozenMap.maxSinceEarlier(450)).isEqualTo(46);
    FrozenMap previous = FrozenMap.copyOf(new LinkedHashMap<>(Map.of("[NAME_1]", "Anna")));
    LinkedHashMap<String, String> merged = new LinkedHashMap<>(previous);
    List<Map.Entry<String, String>> added = new java.util.ArrayList<>();
    for (int i = 2; i < 2 + 18; i++) {
      merged.put("[NAME_" + i + "]", "Name " + i);
      added.add(Map.entry("[NAME_" + i + "]", "Name " + i));
    }
    assertThat(FrozenMap.following(previous, added).followsEarlier()).isFalse(); // never seeded
    previous.seeded(PlaceholderStyle.SQUARE);
    FrozenMap tooFar = FrozenMap.following(previous, added);
    LinkedHashMap<String, String> fewer = new LinkedHashMap<>(previous);
    added.subList(0, 16).forEach(e -> fewer.put(e.getKey(), e.getValue()));
    FrozenMap near = FrozenMap.following(previous, added.subList(0, 16));
    assertThat(tooFar).containsExactlyEntriesOf(merged);
    assertThat(near).containsExactlyEntriesOf(fewer);
    assertThat(tooFar.followsEarlier()).isFalse();
    assertThat(near.followsEarlier()).isTrue();
    assertThat(tooFar.newMapping(PlaceholderStyle.SQUARE).asMap()).containsExactlyEntriesOf(merged);
    assertThat(near.newMapping(PlaceholderStyle.SQUARE).asMap()).containsExactlyEntriesOf(fewer);
    assertThat(near.newMapping(PlaceholderStyle.ANGLE).asMap()).containsExactlyEntriesOf(fewer); // other style
  }
}
