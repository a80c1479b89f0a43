package dev.confidant.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long a remote model backend may take. Immutable and thread-safe.
 *
 * @param connect the longest wait for the TCP (and TLS) connection
 * @param firstToken the longest wait from the request to the first streamed token (a model that is loading or
 *     queueing counts against it)
 * @param total the longest a whole completion may take, streaming included
 */
public record ModelTimeouts(Duration connect, Duration firstToken, Duration total) {
  /** 10 s to connect, 60 s to the first token, 10 min in all. */
  public static final ModelTimeouts DEFAULT =
      new ModelTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(10));

  public ModelTimeouts {
    requireNonNull(connect, "connect");
    requireNonNull(firstToken, "firstToken");
    requireNonNull(total, "total");
    if (connect.isNegative() || connect.isZero() || firstToken.isNegative() || firstToken.isZero()
        || total.isNegative() || total.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive: " + connect + ", " + firstToken + ", " + total);
    }
  }

  public ModelTimeouts withConnect(Duration connect) {
    return new ModelTimeouts(connect, firstToken, total);
  }

  public ModelTimeouts withFirstToken(Duration firstToken) {
    return new ModelTimeouts(connect, firstToken, total);
  }

  public ModelTimeouts withTotal(Duration total) {
    return new ModelTimeouts(connect, firstToken, total);
  }
}
