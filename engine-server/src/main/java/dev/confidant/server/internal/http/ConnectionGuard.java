package dev.confidant.server.internal.http;

import dev.confidant.server.ServerConfig;
import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds what clients can hold open, so that no flood of connections can exhaust the process's file descriptors
 * (which used to make Helidon's accept loop fail and close the listening socket for good).
 *
 * <ul>
 *   <li>At most {@link ServerConfig.Connections#maxConnections()} accepted connections: Helidon takes a permit
 *       before each {@code accept}, so beyond the bound clients wait in the kernel's backlog instead of costing a
 *       descriptor. The default is derived from the descriptor limit: half of what is left after a reserve (a
 *       quarter of the limit, at most 256), the other half for upstream sockets, index and model files.
 *   <li>At most {@link ServerConfig.Connections#maxConnectionsPerClient()} per client address: further
 *       connections are closed right after accept.
 *   <li>A connection must complete a request head within the header timeout of being accepted, and the next one
 *       within the idle timeout of the previous response; every single read waits at most the idle timeout.
 *       Connections that do not are closed by a sweeper thread.
 *   <li>A request body must arrive within the body timeout of when its handler starts reading it ({@link RequestBody},
 *       which {@link BodyReader} starts and stops): the sweeper closes a connection whose body is late, so that a
 *       body trickled a byte at a time cannot hold its connection and thread for ever.
 *   <li>The request bodies held in memory by all requests in progress together stay within
 *       {@link ServerConfig.Connections#bodyBytesInFlight()}: {@link BodyReader} counts each body's bytes (its
 *       declared length at once) and refuses one that would pass the bound; they are released when the request
 *       ends.
 * </ul>
 *
 * <p>Tracks one entry per open connection (so its maps are bounded by the connection bound). Thread-safe.
 */
public final class ConnectionGuard implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ConnectionGuard.class.getName());
  /** Descriptors kept free of client connections (jars, log files, the index, the vault...), at most. */
  private static final int RESERVED_DESCRIPTORS = 256;
  private static final int AUTO_MAX_CONNECTIONS = 10_000;

  private final ServerConfig.Connections settings;
  private final int maxConnections;
  private final ConcurrentHashMap<SocketAddress, Tracked> open = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<InetAddress, AtomicInteger> perClient = new ConcurrentHashMap<>();
  /** Request body bytes counted by requests in progress ({@link RequestBody#reserve}). */
  private final AtomicLong bodyBytesInFlight = new AtomicLong();
  private final Thread sweeper;
  private volatile boolean closed;

  /** One accepted connection and what it is doing. */
  private static final class Tracked {
    final SocketChannel channel;
    final InetAddress client;
    final long acceptedNanos = System.nanoTime();
    volatile long lastResponseNanos;
    final AtomicInteger active = new AtomicInteger();
    final RequestBody body;

    Tracked(SocketChannel channel, InetAddress client, RequestBody body) {
      this.channel = channel;
      this.client = client;
      this.body = body;
    }
  }

  /** Starts the sweeper thread; {@link #close()} stops it. */
  public ConnectionGuard(ServerConfig.Connections settings) {
    this.settings = settings;
    this.maxConnections = settings.maxConnections() > 0 ? settings.maxConnections() : autoMaxConnections();
    long period = Math.clamp(Math.min(Math.min(settings.headerTimeout().toMillis(),
        settings.idleTimeout().toMillis()), settings.bodyTimeout().toMillis()) / 4, 50, 1000);
    this.sweeper = Thread.ofPlatform().daemon().name("confidant-connection-sweeper").unstarted(() -> sweep(period));
    this.sweeper.start();
  }

  /** The bound on accepted connections (configured, or derived from the descriptor limit). */
  public int maxConnections() {
    return maxConnections;
  }

  /** Connections open now. */
  int openConnections() {
    return open.size();
  }

  /**
   * Whether the process is close to a limit that would make it refuse or drop connections: 95 % of the connection
   * bound taken, or 90 % of the file descriptors open. Health reports this before the listener is in danger.
   */
  boolean saturated() {
    // The map may still hold connections closed since the last sweep: count precisely only near the bound.
    if (open.size() >= maxConnections * 0.95
        && open.values().stream().filter(t -> t.channel.isOpen()).count() >= maxConnections * 0.95) {
      return true;
    }
    return descriptors().map(d -> d[0] >= d[1] * 0.9).orElse(false);
  }

  /** The descriptor limit of this process and how many are open, where the JVM can tell. */
  static Optional<long[]> descriptors() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
      return Optional.of(new long[] {os.getOpenFileDescriptorCount(), os.getMaxFileDescriptorCount()});
    }
    return Optional.empty();
  }

  private static int autoMaxConnections() {
    long limit = descriptors().map(d -> d[1]).orElse(4096L);
    long reserved = Math.min(RESERVED_DESCRIPTORS, limit / 4);
    return (int) Math.clamp((limit - reserved) / 2, 16, AUTO_MAX_CONNECTIONS);
  }

  /**
   * Socket options for accepted connections: {@code base} plus a read timeout and admission by this guard.
   * Throwing from {@code configureSocket} makes Helidon close the socket and release its permit.
   */
  public SocketOptions socketOptions(SocketOptions base) {
    return new GuardedOptions(base, this);
  }

  private void admit(SocketChannel channel) throws IOException {
    if (closed) {
      throw new IOException("server is stopping");
    }
    channel.socket().setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.idleTimeout().toMillis()));
    SocketAddress remote = channel.getRemoteAddress();
    InetAddress client = remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    if (client == null) {
      return; // not an IP connection (tests over in-memory sockets): nothing to bound by address
    }
    AtomicInteger count = perClient.computeIfAbsent(client, c -> new AtomicInteger());
    if (count.incrementAndGet() > settings.maxConnectionsPerClient()) {
      count.decrementAndGet();
      // No address in the message: it is logged at TRACE by Helidon only.
      throw new IOException("too many connections from one client");
    }
    Tracked previous = open.put(remote, new Tracked(channel, client, new RequestBody()));
    if (previous != null) {
      release(previous.client); // the address was reused before the sweeper saw the old connection closed
    }
  }

  /** Marks requests running on a connection, so the sweeper leaves busy connections alone. */
  Filter filter() {
    return new Filter() {
      @Override
      public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Tracked tracked = open.get(req.remotePeer().address());
        if (tracked == null) {
          chain.proceed();
          return;
        }
        tracked.active.incrementAndGet();
        req.context().register(tracked.body);
        try {
          chain.proceed();
        } finally {
          tracked.body.stop();
          tracked.body.release();
          tracked.lastResponseNanos = System.nanoTime();
          tracked.active.decrementAndGet();
        }
      }
    };
  }

  private void sweep(long periodMillis) {
    while (!closed) {
      try {
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      long header = settings.headerTimeout().toNanos();
      long idle = settings.idleTimeout().toNanos();
      long body = settings.bodyTimeout().toNanos();
      for (Map.Entry<SocketAddress, Tracked> e : open.entrySet()) {
        Tracked t = e.getValue();
        boolean expired = t.active.get() == 0
            ? (t.lastResponseNanos == 0 ? now - t.acceptedNanos > header : now - t.lastResponseNanos > idle)
            : t.body.readingFor(now) > body;
        if (expired) {
          closeQuietly(t.channel);
        }
        if (!t.channel.isOpen() && open.remove(e.getKey(), t)) {
          release(t.client);
        }
      }
    }
  }

  /**
   * The request body being read on a connection: when its reading started, so that the sweeper can close a
   * connection whose body does not arrive within the body timeout, and the bytes it holds against the bound on body
   * bytes in flight. {@link BodyReader} finds it in the request's context. Thread-safe.
   */
  final class RequestBody {
    private volatile long startedNanos;
    private long reserved; // guarded by this

    /** A handler starts reading a body. */
    void start() {
      startedNanos = System.nanoTime();
    }

    /** The body is read (or the request is over); its bytes stay counted until {@link #release()}. */
    void stop() {
      startedNanos = 0;
    }

    /** How long the current body has been read at {@code now}, or 0 if none is being read. */
    long readingFor(long now) {
      long started = startedNanos;
      return started == 0 ? 0 : now - started;
    }

    /**
     * Counts {@code bytes} more of this request's body against the bound on body bytes in flight.
     *
     * @return whether they fit; if not, nothing is counted
     */
    synchronized boolean reserve(long bytes) {
      if (bodyBytesInFlight.addAndGet(bytes) > settings.bodyBytesInFlight()) {
        bodyBytesInFlight.addAndGet(-bytes);
        return false;
      }
      reserved += bytes;
      return true;
    }

    /** The request is over: its body's bytes no longer count. */
    synchronized void release() {
      bodyBytesInFlight.addAndGet(-reserved);
      reserved = 0;
    }
  }

  private void release(InetAddress client) {
    perClient.computeIfPresent(client, (c, count) -> count.decrementAndGet() <= 0 ? null : count);
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.TRACE, "closing an expired connection failed", e);
    }
  }

  @Override
  public void close() {
    closed = true;
    sweeper.interrupt();
  }

  /**
   * Helidon's socket options with admission and a read timeout added where accepted channels are configured
   * ({@code SocketOptions} has no hook of its own for either).
   */
  private record GuardedOptions(SocketOptions base, ConnectionGuard guard) implements SocketOptions {
    @Override
    public void configureSocket(SocketChannel socket) {
      base.configureSocket(socket);
      try {
        guard.admit(socket);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void configureSocket(java.net.Socket socket) {
      base.configureSocket(socket);
    }

    @Override
    public Map<SocketOption<?>, Object> socketOptions() {
      return base.socketOptions();
    }

    @Override
    public Duration connectTimeout() {
      return base.connectTimeout();
    }

    @Override
    public Duration readTimeout() {
      return base.readTimeout();
    }

    @Override
    public Optional<Integer> socketReceiveBufferSize() {
      return base.socketReceiveBufferSize();
    }

    @Override
    public Optional<Integer> socketSendBufferSize() {
      return base.socketSendBufferSize();
    }

    @Override
    public boolean socketReuseAddress() {
      return base.socketReuseAddress();
    }

    @Override
    public boolean socketKeepAlive() {
      return base.socketKeepAlive();
    }

    @Override
    public boolean tcpNoDelay() {
      return base.tcpNoDelay();
    }

    @Override
    public String toString() {
      return base.toString();
    }
  }

  @Override
  public String toString() {
    return "ConnectionGuard[max=" + maxConnections + ", perClient=" + settings.maxConnectionsPerClient() + "]";
  }
}
