package dev.confidant.pii.spi;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.InvalidRequestException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * How long a {@link MappingVault} keeps mappings and how large they may grow. Immutable; vary with {@code with*}.
 *
 * {@snippet class=dev.confidant.pii.PiiSnippets region=vault-policy}
 *
 * @param timeToLive how long a conversation's mapping lives after its last write (default
 *     {@link #DEFAULT_TIME_TO_LIVE}, 30 days); reading it does not extend it
 * @param maxEntriesPerThread the most entries one conversation may hold (default
 *     {@link #DEFAULT_MAX_ENTRIES_PER_THREAD})
 * @param maxEntriesPerOwner the most entries one owner's conversations in one space may hold together (default
 *     {@link #DEFAULT_MAX_ENTRIES_PER_OWNER}); with a bounded set of owners and spaces this bounds the whole vault
 * @param clock what "now" is (the system clock; tests pass their own)
 */
public record VaultPolicy(Duration timeToLive, int maxEntriesPerThread, int maxEntriesPerOwner, Clock clock) {
  /** 30 days: long enough for a conversation to be picked up again, short enough not to keep data for years. */
  public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofDays(30);
  /** 10,000: far above any real conversation, about 1-2 MB of values at most. */
  public static final int DEFAULT_MAX_ENTRIES_PER_THREAD = 10_000;
  /** 100,000 entries per owner and space. */
  public static final int DEFAULT_MAX_ENTRIES_PER_OWNER = 100_000;

  /** @throws IllegalArgumentException if the time to live is not positive or a limit is below 1 */
  public VaultPolicy {
    requireNonNull(timeToLive, "timeToLive");
    requireNonNull(clock, "clock");
    if (timeToLive.isNegative() || timeToLive.isZero()) {
      throw new IllegalArgumentException("timeToLive must be positive, was " + timeToLive);
    }
    if (maxEntriesPerThread < 1 || maxEntriesPerOwner < 1) {
      throw new IllegalArgumentException("entry limits must be >= 1, were " + maxEntriesPerThread + " per thread and "
          + maxEntriesPerOwner + " per owner");
    }
  }

  /** 30 days, 10,000 entries per thread, 100,000 per owner and space, the system clock. */
  public static VaultPolicy defaults() {
    return new VaultPolicy(DEFAULT_TIME_TO_LIVE, DEFAULT_MAX_ENTRIES_PER_THREAD, DEFAULT_MAX_ENTRIES_PER_OWNER,
        Clock.systemUTC());
  }

  /** This policy with another time to live. */
  public VaultPolicy withTimeToLive(Duration timeToLive) {
    return new VaultPolicy(timeToLive, maxEntriesPerThread, maxEntriesPerOwner, clock);
  }

  /** This policy with another limit per thread. */
  public VaultPolicy withMaxEntriesPerThread(int max) {
    return new VaultPolicy(timeToLive, max, maxEntriesPerOwner, clock);
  }

  /** This policy with another limit per owner and space. */
  public VaultPolicy withMaxEntriesPerOwner(int max) {
    return new VaultPolicy(timeToLive, maxEntriesPerThread, max, clock);
  }

  /** This policy with another clock (tests move time by hand). */
  public VaultPolicy withClock(Clock clock) {
    return new VaultPolicy(timeToLive, maxEntriesPerThread, maxEntriesPerOwner, clock);
  }

  /** The violation type of a merge beyond a limit: {@value}. */
  public static final String VAULT_FULL = "vault_full";

  /**
   * Checks the size a conversation would have after a merge, for vaults to call before they write.
   *
   * @throws InvalidRequestException (violation at {@code thread_id}, type {@value #VAULT_FULL}) if it is above
   *     {@link #maxEntriesPerThread()}; the message gives the numbers and never a value
   */
  public void checkThreadSize(long entriesAfter) {
    if (entriesAfter > maxEntriesPerThread) {
      throw InvalidRequestException.of(List.of("thread_id"), "this thread's PII mapping would hold " + entriesAfter
          + " entries, more than the " + maxEntriesPerThread + " a thread may hold; start a new thread "
          + "or delete this one's mapping", VAULT_FULL);
    }
  }

  /**
   * Checks the entries an owner's conversations in a space would hold together after a merge.
   *
   * @throws InvalidRequestException (violation at {@code thread_id}, type {@value #VAULT_FULL}) if they are above
   *     {@link #maxEntriesPerOwner()}
   */
  public void checkOwnerSize(long entriesAfter) {
    if (entriesAfter > maxEntriesPerOwner) {
      throw InvalidRequestException.of(List.of("thread_id"), "your PII mappings in this space would hold "
          + entriesAfter + " entries, more than the " + maxEntriesPerOwner + " one caller may hold across "
          + "threads; delete the mappings of threads you no longer need", VAULT_FULL);
    }
  }

  /** Whether a mapping last written at {@code writtenMillis} (epoch milliseconds) has expired by now. */
  public boolean expired(long writtenMillis) {
    return clock.millis() - writtenMillis >= timeToLive.toMillis();
  }
}
