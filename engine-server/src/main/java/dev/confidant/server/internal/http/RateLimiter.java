package dev.confidant.server.internal.http;

import dev.confidant.server.ServerConfig;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Bounds the request rate of each client address with a token bucket ({@link ServerConfig.Rate}): a client may
 * send {@code burst} requests at once and {@code perSecond} a second after that; beyond, it is answered 429 with
 * {@code Retry-After} (the seconds until its next token) in the seed's error shape. Off when {@code perSecond} is 0.
 * {@code /health} is never limited, so that a balancer's probes cannot be starved by traffic from its own address.
 *
 * <p>IPv6 clients are keyed by their /64 network, since one host commonly holds a whole /64. At most
 * {@code maxClients} buckets are held: when a new address finds the table full, buckets that have refilled are
 * dropped (such a client is indistinguishable from a new one), at most once per {@value #SWEEP_MILLIS} ms; while no
 * bucket can go, every untracked address shares one overflow bucket, so that a flood from many addresses is bounded
 * too. Thread-safe.
 */
final class RateLimiter implements Filter {
  /** Least time between two sweeps of a full table: a flood of new addresses must not make every request scan it. */
  static final long SWEEP_MILLIS = 100;

  private final double perNanosecond;
  private final double burst;
  private final int maxClients;
  private final LongSupplier clock;
  private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();
  private final Bucket overflow;
  private volatile long lastSweep;

  /** A limiter on the system clock. */
  RateLimiter(ServerConfig.Rate rates) {
    this(rates, System::nanoTime);
  }

  /** A limiter whose time is {@code clock} (nanoseconds, as {@link System#nanoTime()}). */
  RateLimiter(ServerConfig.Rate rates, LongSupplier clock) {
    this.perNanosecond = rates.perSecond() / 1e9;
    this.burst = rates.effectiveBurst();
    this.maxClients = rates.maxClients();
    this.clock = clock;
    this.overflow = new Bucket(burst, clock.getAsLong());
    this.lastSweep = clock.getAsLong() - SWEEP_MILLIS * 1_000_000;
  }

  /** Whether requests are limited at all. */
  boolean enabled() {
    return perNanosecond > 0;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    if (enabled() && !req.prologue().uriPath().path().endsWith("/health")
        && req.remotePeer().address() instanceof InetSocketAddress peer && peer.getAddress() != null) {
      long waitNanos = acquire(peer.getAddress());
      if (waitNanos > 0) {
        String seconds = Long.toString(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
        throw new HttpProblem(429, ErrorBody.of(429, "Too many requests from your address; retry after " + seconds
            + " s", "rate_limit_exceeded", null), Map.of("Retry-After", seconds));
      }
    }
    chain.proceed();
  }

  /**
   * Takes a token for a client.
   *
   * @return 0 if the request may go ahead, else the nanoseconds until the client's next token
   */
  long acquire(InetAddress client) {
    long now = clock.getAsLong();
    Key key = Key.of(client);
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      if (buckets.size() >= maxClients) {
        sweep(now);
      }
      bucket = buckets.size() < maxClients ? buckets.computeIfAbsent(key, k -> new Bucket(burst, now)) : overflow;
    }
    return bucket.take(now, perNanosecond, burst);
  }

  /** Client addresses tracked now (at most {@code maxClients}). */
  int trackedClients() {
    return buckets.size();
  }

  private void sweep(long now) {
    if (now - lastSweep < SWEEP_MILLIS * 1_000_000) {
      return;
    }
    lastSweep = now;
    buckets.values().removeIf(b -> b.full(now, perNanosecond, burst));
  }

  /** One client's tokens. Guarded by itself. */
  private static final class Bucket {
    private double tokens;
    private long refilled;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilled = now;
    }

    synchronized long take(long now, double perNanosecond, double burst) {
      refill(now, perNanosecond, burst);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / perNanosecond);
    }

    synchronized boolean full(long now, double perNanosecond, double burst) {
      refill(now, perNanosecond, burst);
      return tokens >= burst;
    }

    private void refill(long now, double perNanosecond, double burst) {
      tokens = Math.min(burst, tokens + (now - refilled) * perNanosecond);
      refilled = now;
    }
  }

  /** A client: an IPv4 address, or the /64 network of an IPv6 address. */
  private record Key(byte[] bytes) {
    static Key of(InetAddress address) {
      byte[] raw = address.getAddress();
      return new Key(address instanceof Inet6Address ? Arrays.copyOf(raw, 8) : raw);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Key k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Key" + Arrays.toString(bytes);
    }
  }
}
