package dev.confidant.server.internal.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * Header values sent as raw UTF-8 (curl, Python's httpx, most clients: {@code X-Pii-Mapping: {"[NAME_1]":
 * "Jürgen Müller"}}) decoded as UTF-8. Helidon's HTTP/1 parser decodes header bytes as US-ASCII, replacing every
 * other byte with U+FFFD, and keeps no raw bytes; so this class wraps Helidon's HTTP/1 connection selector and gives
 * each connection a reader that copies its non-ASCII {@code X-} header lines aside ({@link RawHeaderLines}).
 * {@link #of(ServerRequest)} then replaces each {@code X-} header value holding U+FFFD with the UTF-8 decoding of
 * the line it came from. Thread-safe; one instance per server.
 *
 * <p>Bounded: one {@link RawHeaderLines} per open connection, removed when the connection ends.
 */
public final class Utf8Headers {
  private final Map<String, RawHeaderLines> connections = new ConcurrentHashMap<>();

  /** A registry for one server. */
  public Utf8Headers() {}

  /** A selector that serves HTTP/1 through {@code http1} and records this server's raw header lines. */
  public ServerConnectionSelector selector(ServerConnectionSelector http1) {
    return new ServerConnectionSelector() {
      @Override
      public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
      }

      @Override
      public Support supports(BufferData request) {
        return http1.supports(request);
      }

      @Override
      public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
      }

      @Override
      public ServerConnection connection(ConnectionContext ctx) {
        String key = key(ctx.socketId(), ctx.childSocketId());
        RawHeaderLines lines = new RawHeaderLines();
        connections.put(key, lines);
        return new Recorded(http1.connection(new Recording(ctx, lines)), () -> connections.remove(key));
      }
    };
  }

  /**
   * The request's headers, with every {@code X-} header value that arrived as UTF-8 decoded as UTF-8; the
   * request's own headers when there is none.
   */
  Headers of(ServerRequest req) {
    Headers headers = req.headers();
    RawHeaderLines lines = null;
    WritableHeaders<?> fixed = null;
    for (Header header : headers) {
      if (!header.name().regionMatches(true, 0, "x-", 0, 2) || header.allValues().stream()
          .noneMatch(v -> v.indexOf('\uFFFD') >= 0)) {
        continue;
      }
      if (lines == null) {
        lines = connections.get(key(req.serverSocketId(), req.socketId()));
        if (lines == null) {
          return headers;
        }
        fixed = WritableHeaders.create(headers);
      }
      String name = header.headerName().lowerCase();
      List<String> values = new ArrayList<>();
      for (String v : header.allValues()) {
        String utf8 = v.indexOf('\uFFFD') >= 0 ? lines.take(name, v) : null;
        values.add(utf8 != null ? utf8 : v);
      }
      fixed.set(HeaderValues.create(header.headerName(), values.toArray(String[]::new)));
    }
    return fixed != null ? fixed : headers;
  }

  /**
   * Decodes the request's headers ({@link #of}) once, for every routed request in arrival order, so that each
   * request takes its own raw lines; handlers read the result with {@link #decoded}.
   */
  void register(ServerRequest req) {
    req.context().register(new Decoded(of(req)));
  }

  /** The request's headers as {@link #register} decoded them, else as received. */
  static Headers decoded(ServerRequest req) {
    return req.context().get(Decoded.class).map(Decoded::headers).orElseGet(req::headers);
  }

  private record Decoded(Headers headers) {}

  private static String key(String serverSocketId, String socketId) {
    return serverSocketId + " " + socketId;
  }

  /** One of a connection's two ways of being handled. */
  @FunctionalInterface
  private interface Handling {
    void run() throws InterruptedException;
  }

  /** A connection whose end forgets its raw header lines. */
  private record Recorded(ServerConnection delegate, Runnable onEnd) implements ServerConnection {
    @Override
    public void handle(Semaphore requestSemaphore) throws InterruptedException {
      thenEnd(() -> delegate.handle(requestSemaphore));
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
      thenEnd(() -> delegate.handle(limit));
    }

    private void thenEnd(Handling handling) throws InterruptedException {
      try {
        handling.run();
      } finally {
        onEnd.run();
      }
    }

    @Override
    public Duration idleTime() {
      return delegate.idleTime();
    }

    @Override
    public void close(boolean interrupt) {
      try {
        delegate.close(interrupt);
      } finally {
        onEnd.run(); // also when the server stops a connection that never got to handle()
      }
    }
  }

  /** The connection's context, with a reader that shows every byte it passes on to {@link RawHeaderLines}. */
  private static final class Recording implements ConnectionContext {
    private final ConnectionContext delegate;
    private final DataReader reader;

    Recording(ConnectionContext delegate, RawHeaderLines lines) {
      this.delegate = delegate;
      DataReader raw = delegate.dataReader();
      this.reader = DataReader.create(() -> {
        if (raw.available() == 0) {
          raw.pullData(); // throws at the end of the stream, as the socket's own reader does
        }
        byte[] bytes = raw.readBytes(raw.available());
        lines.scan(bytes, 0, bytes.length);
        return bytes;
      });
    }

    @Override
    public DataReader dataReader() {
      return reader;
    }

    @Override
    public ListenerContext listenerContext() {
      return delegate.listenerContext();
    }

    @Override
    public ExecutorService executor() {
      return delegate.executor();
    }

    @Override
    public DataWriter dataWriter() {
      return delegate.dataWriter();
    }

    @Override
    public Router router() {
      return delegate.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
      return delegate.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
      return delegate.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
      return delegate.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
      return delegate.localPeer();
    }

    @Override
    public boolean isSecure() {
      return delegate.isSecure();
    }

    @Override
    public String socketId() {
      return delegate.socketId();
    }

    @Override
    public String childSocketId() {
      return delegate.childSocketId();
    }
  }
}
