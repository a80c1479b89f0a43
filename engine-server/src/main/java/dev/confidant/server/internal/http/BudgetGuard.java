package dev.confidant.server.internal.http;

import dev.confidant.api.Usage;
import dev.confidant.server.ServerConfig;
import dev.confidant.server.UsageCounters;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The chat endpoint's request and token limits per principal and per space, and the spaces' token budgets
 * ({@link ServerConfig.Budgets}), over {@link UsageCounters}. {@link #admit} runs before the request does anything:
 * it counts the request, or refuses it with a 429 in the seed's error shape and {@code Retry-After}; {@link #charge}
 * adds the answer's tokens. Thread-safe (the counters are).
 */
final class BudgetGuard {
  private final ServerConfig.Budgets budgets;
  private final UsageCounters counters;
  private final Clock clock;

  BudgetGuard(ServerConfig.Budgets budgets, UsageCounters counters, Clock clock) {
    this.budgets = budgets;
    this.counters = counters;
    this.clock = clock;
  }

  /**
   * Counts a request of {@code principal} in {@code space}, or refuses it.
   *
   * @throws HttpProblem 429 when a limit is reached
   */
  void admit(String principal, @Nullable String space) {
    if (!budgets.any()) {
      return;
    }
    long now = clock.instant().getEpochSecond();
    long minute = now / 60;
    int toNextMinute = (int) (60 - now % 60);
    String p = "principal:" + principal;
    String s = space == null ? null : "space:" + space;
    tokensLeft(p + ":tokens", minute, budgets.principalTokensPerMinute(), toNextMinute,
        "Token limit of " + budgets.principalTokensPerMinute() + " per minute reached for this caller");
    if (s != null) {
      tokensLeft(s + ":tokens", minute, budgets.spaceTokensPerMinute(), toNextMinute,
          "Token limit of " + budgets.spaceTokensPerMinute() + " per minute reached for this space");
      long periodSeconds = budgets.period().toSeconds();
      tokensLeft(s + ":budget", now / periodSeconds, budgets.spaceTokensPerPeriod(),
          (int) Math.min(Integer.MAX_VALUE, periodSeconds - now % periodSeconds),
          "Token budget of " + budgets.spaceTokensPerPeriod() + " per " + budgets.period().toDays()
              + " days used up for this space");
    }
    count(p + ":requests", minute, budgets.principalRequestsPerMinute(), toNextMinute,
        "Request limit of " + budgets.principalRequestsPerMinute() + " per minute reached for this caller");
    if (s != null) {
      try {
        count(s + ":requests", minute, budgets.spaceRequestsPerMinute(), toNextMinute,
            "Request limit of " + budgets.spaceRequestsPerMinute() + " per minute reached for this space");
      } catch (HttpProblem refused) {
        if (budgets.principalRequestsPerMinute() > 0) {
          counters.add(p + ":requests", minute, -1); // not served: it does not count against the caller
        }
        throw refused;
      }
    }
  }

  /** Adds an answer's tokens (prompt and completion) to the caller's and the space's counters. */
  void charge(String principal, @Nullable String space, @Nullable Usage usage) {
    if (!budgets.any() || usage == null || usage.totalTokens() <= 0) {
      return;
    }
    long now = clock.instant().getEpochSecond();
    long minute = now / 60;
    long tokens = usage.totalTokens();
    if (budgets.principalTokensPerMinute() > 0) {
      counters.add("principal:" + principal + ":tokens", minute, tokens);
    }
    if (space != null) {
      if (budgets.spaceTokensPerMinute() > 0) {
        counters.add("space:" + space + ":tokens", minute, tokens);
      }
      if (budgets.spaceTokensPerPeriod() > 0) {
        counters.add("space:" + space + ":budget", now / budgets.period().toSeconds(), tokens);
      }
    }
  }

  private void tokensLeft(String key, long window, long limit, int retryAfter, String detail) {
    if (limit > 0 && counters.get(key, window) >= limit) {
      throw refuse(detail, retryAfter);
    }
  }

  private void count(String key, long window, long limit, int retryAfter, String detail) {
    if (limit > 0 && counters.add(key, window, 1) > limit) {
      counters.add(key, window, -1); // refused requests do not count
      throw refuse(detail, retryAfter);
    }
  }

  private static HttpProblem refuse(String detail, int retryAfter) {
    String seconds = Integer.toString(Math.max(1, retryAfter));
    return new HttpProblem(429, ErrorBody.of(429, detail + "; retry after " + seconds + " s", "rate_limit_exceeded",
        null), Map.of("Retry-After", seconds));
  }
}
