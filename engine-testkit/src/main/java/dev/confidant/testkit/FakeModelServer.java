package dev.confidant.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model server on 127.0.0.1 that speaks OpenAI's {@code POST /v1/chat/completions} (SSE, {@code data: [DONE]};
 * a whole {@code chat.completion} without {@code "stream": true}) and Ollama's {@code POST /api/chat} (NDJSON,
 * {@code "done": true}) as their documentation shows, answering with {@link FakeReplies} and misbehaving as the
 * queued {@link Fault}s say (one fault per request, in order; then normal). It records the exact body of every
 * request. A fake only because no real OpenAI or Ollama server runs here; it speaks their wire protocols byte for
 * byte, and can frame its SSE adversarially (CRLF line ends, comment lines, events split mid-character across
 * writes). Thread-safe.
 *
 * {@snippet class=dev.confidant.testkit.TestkitSnippets region=fake-server}
 */
public final class FakeModelServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
  private final List<String> rawRequests = new CopyOnWriteArrayList<>();
  private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger streaming = new AtomicInteger();
  private final AtomicInteger aborted = new AtomicInteger();
  private volatile long tokenDelayMillis;
  private volatile boolean adversarialFraming;
  private volatile boolean alwaysStream;

  private FakeModelServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/v1/chat/completions", exchange -> handle(exchange, false));
    server.createContext("/api/chat", exchange -> handle(exchange, true));
    server.start();
  }

  /** Starts a server on an ephemeral loopback port. */
  public static FakeModelServer start() {
    try {
      return new FakeModelServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:port}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Queues faults for the next requests. */
  public FakeModelServer fail(Fault... next) {
    faults.addAll(List.of(next));
    return this;
  }

  /** A pause between streamed events (default none), so that a stream can be caught half-way. */
  public FakeModelServer tokenDelayMillis(long millis) {
    tokenDelayMillis = millis;
    return this;
  }

  /**
   * Whether SSE is framed the hard way (default no): CRLF line ends, a comment line before each event, and each
   * event written in two halves split inside its bytes (a UTF-8 character may straddle the two writes).
   */
  public FakeModelServer adversarialFraming(boolean on) {
    adversarialFraming = on;
    return this;
  }

  /**
   * Whether OpenAI requests are answered with events even without {@code "stream": true} (default no), as a server
   * that ignores the field would.
   */
  public FakeModelServer alwaysStream(boolean on) {
    alwaysStream = on;
    return this;
  }

  /** The number of chat requests received. */
  public int calls() {
    return calls.get();
  }

  /** Responses being streamed now: a handler stops streaming when it ends or the client goes away. */
  public int openStreams() {
    return streaming.get();
  }

  /** Streams cut short because the client closed the connection (a write failed). */
  public int abortedStreams() {
    return aborted.get();
  }

  /** The request bodies received, exactly as sent (UTF-8), oldest first. */
  public List<String> rawRequests() {
    return List.copyOf(rawRequests);
  }

  /** The request bodies received, parsed, oldest first. */
  public List<JsonNode> requests() {
    return rawRequests.stream().map(FakeModelServer::parse).toList();
  }

  /** The request headers received, oldest first. */
  public List<Map<String, List<String>>> headers() {
    return List.copyOf(headers);
  }

  /** Forgets faults and requests. */
  public void reset() {
    faults.clear();
    rawRequests.clear();
    headers.clear();
    calls.set(0);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange, boolean ollama) throws IOException {
    try (exchange) {
      calls.incrementAndGet();
      String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      rawRequests.add(raw);
      headers.add(Map.copyOf(exchange.getRequestHeaders()));
      JsonNode body = parse(raw);
      Fault fault = faults.poll();
      if (fault == null) {
        fault = Fault.none();
      }
      if (fault instanceof Fault.SlowFirstByte slow) {
        sleep(slow.delay().toMillis());
      }
      if (fault instanceof Fault.Status status) {
        String error = status.body() != null ? status.body()
            : ollama ? JSON.writeValueAsString(Map.of("error", status.message()))
            : JSON.writeValueAsString(Map.of("error", Map.of("message", status.message(), "type", "server_error",
                "code", status.code())));
        if (status.retryAfter() != null) {
          exchange.getResponseHeaders().add("Retry-After", status.retryAfter());
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] bytes = error.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status.code(), bytes.length);
        exchange.getResponseBody().write(bytes);
        return;
      }
      if (!ollama && !alwaysStream && !body.path("stream").asBoolean(false)) {
        byte[] completion = FakeReplies.openAiCompletion(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, completion.length);
        exchange.getResponseBody().write(completion);
        return;
      }
      List<String> events = ollama ? FakeReplies.ollama(body) : FakeReplies.openAi(body);
      exchange.getResponseHeaders().add("Content-Type", ollama ? "application/x-ndjson" : "text/event-stream");
      exchange.sendResponseHeaders(200, 0); // chunked
      streaming.incrementAndGet();
      try {
        stream(exchange.getResponseBody(), events, fault, ollama);
      } catch (IOException e) {
        if (e.getMessage() == null || !e.getMessage().startsWith("fault injected")) {
          aborted.incrementAndGet();
        }
        throw e;
      } finally {
        streaming.decrementAndGet();
      }
    }
  }

  private void stream(OutputStream out, List<String> events, Fault fault, boolean ollama) throws IOException {
    for (int i = 0; i < events.size(); i++) {
      if (fault instanceof Fault.ResetMidStream reset && i == reset.events()) {
        out.flush();
        // Throwing makes the server close the connection without the last chunk: the client sees the body
        // break off mid-stream, as with a reset.
        throw new IOException("fault injected: connection dropped mid-stream");
      }
      if (fault instanceof Fault.Truncated truncated && i == truncated.events()) {
        return; // closes the exchange properly: a well-formed body that lacks its terminator
      }
      if (fault instanceof Fault.MalformedJson malformed && i == malformed.events()) {
        write(out, ollama ? "{\"model\": \"broken\", \"message\": {\n" : "data: {\"id\": \"broken\n\n");
      }
      if (fault instanceof Fault.RawEvent rawEvent && i == rawEvent.events()) {
        write(out, ollama ? rawEvent.data() + "\n" : "data: " + rawEvent.data() + "\n\n");
        if (rawEvent.last()) {
          return;
        }
      }
      if (fault instanceof Fault.StallAfter stall && i == stall.events()) {
        sleep(stall.delay().toMillis());
      }
      if (ollama) {
        write(out, events.get(i) + "\n");
      } else if (adversarialFraming) {
        byte[] event = (": keep-alive\r\ndata: " + events.get(i) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        int half = event.length / 2;
        out.write(Arrays.copyOfRange(event, 0, half));
        out.flush();
        sleep(1);
        out.write(Arrays.copyOfRange(event, half, event.length));
        out.flush();
      } else {
        write(out, "data: " + events.get(i) + "\n\n");
      }
      if (tokenDelayMillis > 0) {
        sleep(tokenDelayMillis);
      }
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
