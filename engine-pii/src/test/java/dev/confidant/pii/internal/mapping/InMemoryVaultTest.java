package dev.confidant.pii.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.MappingVaults;
import dev.confidant.pii.spi.VaultKey;
import dev.confidant.pii.spi.VaultPolicy;
import dev.confidant.pii.testing.MutableClock;
import java.time.Instant;
import java.util.Map;
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
}
