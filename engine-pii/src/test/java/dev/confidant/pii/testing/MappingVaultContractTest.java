package dev.confidant.pii.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.InvalidRequestException;
import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.VaultKey;
import dev.confidant.pii.spi.VaultPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MappingVault} must pass (the built-in ones and any other store, e.g. PostgreSQL): extend
 * it, return a new empty vault from {@link #newVault}, and use the policy given (its clock is {@link #clock}, which the
 * tests move by hand). Adversarial where it is a privacy property: ids that differ only in a separator or a prefix,
 * another owner naming the same thread, deleted and expired data asked for again.
 */
public abstract class MappingVaultContractTest {
  /** The time to live of {@link #policy()}. */
  protected static final Duration TTL = Duration.ofHours(1);
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  /** A new, empty vault with this policy. */
  protected abstract MappingVault newVault(VaultPolicy policy);

  /** The default limits, {@link #TTL} and {@link #clock}. */
  protected VaultPolicy policy() {
    return VaultPolicy.defaults().withTimeToLive(TTL).withClock(clock);
  }

  private static VaultKey key(String space, String owner, String thread) {
    return new VaultKey(space, owner, thread);
  }

  private static final VaultKey ALICE_T1 = key("space_1", "alice", "t1");

  @Test
  void anUnknownConversationIsEmpty() {
    assertThat(newVault(policy()).load(ALICE_T1)).isEmpty();
  }

  @Test
  void mergesAddButNeverRebindAPlaceholder() {
    MappingVault v = newVault(policy());
    v.merge(ALICE_T1, Map.of("[NAME_1]", "Anna"));
    v.merge(ALICE_T1, Map.of("[NAME_1]", "Eve", "[NAME_2]", "Bob"));
    assertThat(v.load(ALICE_T1)).isEqualTo(Map.of("[NAME_1]", "Anna", "[NAME_2]", "Bob"));
  }

  @Test
  void valuesRoundTripExactly() {
    MappingVault v = newVault(policy());
    Map<String, String> odd = Map.of("[NAME_1]", "Anna \"Ann\" Weber\n", "[ADDRESS_1]", "Straße 1\\2\u0000 ☃ 𝄞",
        "<EMAIL_1>", "a@b.org", "[NAME_2]", " ");
    v.merge(ALICE_T1, odd);
    assertThat(v.load(ALICE_T1)).isEqualTo(odd);
  }

  @Test
  void whatLoadReturnsCannotChangeTheVault() {
    MappingVault v = newVault(policy());
    v.merge(ALICE_T1, Map.of("[NAME_1]", "Anna"));
    Map<String, String> loaded = v.load(ALICE_T1);
    try {
      loaded.put("[NAME_1]", "Eve");
    } catch (UnsupportedOperationException immutable) {
      // fine: immutable
    }
    assertThat(v.load(ALICE_T1)).containsEntry("[NAME_1]", "Anna");
  }

  @Test
  void spaceOwnerAndThreadEachSeparateConversations() {
    MappingVault v = newVault(policy());
    v.merge(ALICE_T1, Map.of("[NAME_1]", "Anna"));
    for (VaultKey other : new VaultKey[] {key("space_2", "alice", "t1"), key("space_1", "bob", "t1"),
        key("space_1", "alice", "t2"), key("", "alice", "t1"), key("space_", "1alice", "t1"),
        key("space_1a", "lice", "t1"), key("space_1", "alice", "t1 "), key("space_1\u0000alice", "t1", "t1"),
        key("space_1", "alice\u0000t1", "t1")}) {
      assertThat(v.load(other)).as("%s", other).isEmpty();
    }
  }

  @Test
  void aDeletedThreadRestoresNothingAndStartsAfresh() {
    MappingVault v = newVault(policy());
    VaultKey bobT1 = key("space_1", "bob", "t1");
    v.merge(ALICE_T1, Map.of("[NAME_1]", "Anna", "[EMAIL_1]", "anna@example.org"));
    v.merge(bobT1, Map.of("[NAME_1]", "Bruno"));

    assertThat(v.delete(ALICE_T1)).isTrue();

    assertThat(v.load(ALICE_T1)).isEmpty();
    assertThat(v.delete(ALICE_T1)).as("a second delete finds nothing").isFalse();
    assertThat(v.load(bobT1)).as("another owner's thread of that id stays").containsEntry("[NAME_1]", "Bruno");
    v.merge(ALICE_T1, Map.of("[NAME_1]", "Clara"));
    assertThat(v.load(ALICE_T1)).isEqualTo(Map.of("[NAME_1]", "Clara"));
  }

  @Test
  void deletingAPlaceholderRemovesThatEntryAlone() {
    MappingVault v = newVault(policy());
    v.merge(ALICE_T1, Map.of("[NAME_1]", "Anna", "[EMAIL_1]", "anna@example.org"));

    assertThat(v.deletePlaceholder(ALICE_T1, "[NAME_1]")).isTrue();
    assertThat(v.deletePlaceholder(ALICE_T1, "[NAME_1]")).isFalse();
    assertThat(v.deletePlaceholder(ALICE_T1, "[NAME_9]")).isFalse();
    assertThat(v.deletePlaceholder(key("space_1", "bob", "t1"), "[EMAIL_1]")).isFalse();

    assertThat(v.load(ALICE_T1)).isEqualTo(Map.of("[EMAIL_1]", "anna@example.org"));
    v.merge(ALICE_T1, Map.of("[NAME_1]", "Clara"));
    assertThat(v.load(ALICE_T1)).containsEntry("[NAME_1]", "Clara");
    assertThat(v.deletePlaceholder(ALICE_T1, "[NAME_1]")).isTrue();
    assertThat(v.deletePlaceholder(ALICE_T1, "[EMAIL_1]")).isTrue();
    assertThat(v.load(ALICE_T1)).isEmpty();
  }

  @Test
  void deletingASpaceRemovesEveryOwnersThreadsThereAndNothingElse() {
    MappingVault v = newVault(policy());
    v.merge(ALICE_T1, Map.of("[NAME_1]", "Anna"));
    v.merge(key("space_1", "bob", "t9"), Map.of("[NAME_1]", "Bruno"));
    v.merge(key("space_1", "alice", "t2"), Map.of("[NAME_1]", "Clara"));
    v.merge(key("space_10", "alice", "t1"), Map.of("[NAME_1]", "Dora"));
    v.merge(key("", "alice", "t1"), Map.of("[NAME_1]", "Emil"));

    assertThat(v.deleteSpace("space_1")).isEqualTo(3);

    assertThat(v.load(ALICE_T1)).isEmpty();
    assertThat(v.load(key("space_1", "bob", "t9"))).isEmpty();
    assertThat(v.load(key("space_1", "alice", "t2"))).isEmpty();
    assertThat(v.load(key("space_10", "alice", "t1"))).containsEntry("[NAME_1]", "Dora");
    assertThat(v.load(key("", "alice", "t1"))).containsEntry("[NAME_1]", "Emil");
    assertThat(v.deleteSpace("space_1")).isZero();
    v.merge(ALICE_T1, Map.of("[NAME_1]", "Fritz"));
    assertThat(v.load(ALICE_T1)).containsEntry("[NAME_1]", "Fritz");
  }

  @Test
  void expiredMappingsAreNotRestored() {
    MappingVault v = newVault(policy());
    v.merge(ALICE_T1, Map.of("[NAME_1]", "Anna"));
    clock.advance(TTL.minusSeconds(1));
    assertThat(v.load(ALICE_T1)).as("just before expiry").containsEntry("[NAME_1]", "Anna");

    clock.advance(Duration.ofSeconds(1));

    assertThat(v.load(ALICE_T1)).isEmpty();
    assertThat(v.delete(ALICE_T1)).as("nothing alive to delete").isFalse();
  }

  @Test
  void aWriteRestartsTheExpiryAndAReadDoesNot() {
    MappingVault v = newVault(policy());
    VaultKey other = key("space_1", "alice", "t2");
    v.merge(ALICE_T1, Map.of("[NAME_1]", "Anna"));
    v.merge(other, Map.of("[NAME_1]", "Bruno"));
    clock.advance(TTL.dividedBy(2));
    v.merge(ALICE_T1, Map.of("[NAME_2]", "Clara"));
    v.load(other);
    clock.advance(TTL.dividedBy(2));

    assertThat(v.load(other)).as("only read since").isEmpty();
    assertThat(v.load(ALICE_T1)).as("written half a TTL ago, old entries included")
        .isEqualTo(Map.of("[NAME_1]", "Anna", "[NAME_2]", "Clara"));
  }

  @Test
  void anExpiredThreadStartsAfresh() {
    MappingVault v = newVault(policy());
    v.merge(ALICE_T1, Map.of("[NAME_1]", "Anna"));
    clock.advance(TTL);
    v.merge(ALICE_T1, Map.of("[NAME_1]", "Bruno"));
    assertThat(v.load(ALICE_T1)).isEqualTo(Map.of("[NAME_1]", "Bruno"));
  }

  @Test
  void aThreadCannotGrowBeyondItsLimitAndAFailedMergeWritesNothing() {
    MappingVault v = newVault(policy().withMaxEntriesPerThread(3));
    v.merge(ALICE_T1, Map.of("[NAME_1]", "A", "[NAME_2]", "B"));

    assertThatThrownBy(() -> v.merge(ALICE_T1, Map.of("[NAME_3]", "C", "[NAME_4]", "D")))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.violations().get(0).loc()).containsExactly("thread_id");
          assertThat(e.violations().get(0).type()).isEqualTo("vault_full");
          assertThat(e.getMessage()).contains("3").doesNotContain("\"C\"", "D");
        });

    assertThat(v.load(ALICE_T1)).isEqualTo(Map.of("[NAME_1]", "A", "[NAME_2]", "B"));
    v.merge(ALICE_T1, Map.of("[NAME_1]", "A", "[NAME_3]", "C"));
    v.merge(ALICE_T1, Map.of("[NAME_2]", "B"));
    assertThat(v.load(ALICE_T1)).hasSize(3);
  }

  @Test
  void anOwnerCannotGrowBeyondItsLimitAcrossThreadsButOthersCan() {
    MappingVault v = newVault(policy().withMaxEntriesPerOwner(4));
    v.merge(ALICE_T1, Map.of("[NAME_1]", "A", "[NAME_2]", "B"));
    v.merge(key("space_1", "alice", "t2"), Map.of("[NAME_1]", "C", "[NAME_2]", "D"));

    assertThatThrownBy(() -> v.merge(key("space_1", "alice", "t3"), Map.of("[NAME_1]", "E")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("4");

    assertThat(v.load(key("space_1", "alice", "t3"))).isEmpty();
    v.merge(key("space_1", "bob", "t3"), Map.of("[NAME_1]", "E"));
    v.merge(key("space_2", "alice", "t3"), Map.of("[NAME_1]", "E"));
    assertThat(v.load(key("space_1", "bob", "t3"))).hasSize(1);
    assertThat(v.load(key("space_2", "alice", "t3"))).hasSize(1);
  }

  @Test
  void deletedAndExpiredEntriesNoLongerCountTowardsTheOwnersLimit() {
    MappingVault v = newVault(policy().withMaxEntriesPerOwner(2));
    v.merge(ALICE_T1, Map.of("[NAME_1]", "A", "[NAME_2]", "B"));
    v.delete(ALICE_T1);
    v.merge(key("space_1", "alice", "t2"), Map.of("[NAME_1]", "C"));
    v.merge(key("space_1", "alice", "t3"), Map.of("[NAME_1]", "D"));
    assertThatThrownBy(() -> v.merge(ALICE_T1, Map.of("[NAME_1]", "E"))).isInstanceOf(InvalidRequestException.class);
    v.deletePlaceholder(key("space_1", "alice", "t2"), "[NAME_1]");
    v.merge(ALICE_T1, Map.of("[NAME_1]", "E"));

    clock.advance(TTL);

    v.merge(key("space_1", "alice", "t4"), Map.of("[NAME_1]", "F", "[NAME_2]", "G"));
    assertThat(v.load(key("space_1", "alice", "t4"))).hasSize(2);
  }

  @Test
  void deletingASpaceFreesItsOwnersLimits() {
    MappingVault v = newVault(policy().withMaxEntriesPerOwner(1));
    v.merge(ALICE_T1, Map.of("[NAME_1]", "A"));
    v.deleteSpace("space_1");
    v.merge(key("space_1", "alice", "t2"), Map.of("[NAME_1]", "B"));
    assertThat(v.load(key("space_1", "alice", "t2"))).hasSize(1);
  }

  @Test
  void concurrentMergesLoseNothingAndKeepTheLimits() throws Exception {
    MappingVault v = newVault(policy().withMaxEntriesPerOwner(50));
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 40; i++) {
        int n = i;
        pool.submit(() -> v.merge(key("space_1", "alice", "t" + (n % 3)), Map.of("[NAME_" + n + "]", "v" + n)));
      }
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 30; i++) {
        int n = 100 + i;
        pool.submit(() -> {
          try {
            v.merge(key("space_1", "alice", "t" + (n % 3)), Map.of("[NAME_" + n + "]", "v" + n));
          } catch (InvalidRequestException full) {
            // 20 of them: the owner holds 50 then
          }
        });
      }
    }
    Map<String, String> all = new LinkedHashMap<>();
    for (int t = 0; t < 3; t++) {
      all.putAll(prefixed(t, v.load(key("space_1", "alice", "t" + t))));
    }
    assertThat(all).hasSize(50);
    for (int i = 0; i < 40; i++) {
      assertThat(all).containsEntry((i % 3) + "[NAME_" + i + "]", "v" + i);
    }
  }

  private static Map<String, String> prefixed(int thread, Map<String, String> m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, val) -> out.put(thread + k, val));
    return out;
  }

  @Test
  void toStringNeverShowsValues() {
    MappingVault v = newVault(policy());
    v.merge(ALICE_T1, Map.of("[NAME_1]", "Zyxo Quarn"));
    assertThat(v.toString()).doesNotContain("Zyxo", "alice", "t1");
  }
}
