package dev.confidant.benchmarks;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.RequestContext;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.core.ChatEngines;
import dev.confidant.core.SpaceRole;
import dev.confidant.pii.Pseudonymization;
import dev.confidant.server.ConfidantServer;
import dev.confidant.server.ServerConfig;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whole-process server throughput (issue 8, item 5): a {@link ConfidantServer} on an ephemeral 127.0.0.1 port over
 * the full engine (every discovered stage) on a {@link ScriptedModelBackend} that answers every request with the same
 * 9-chunk reply, loaded by N virtual-thread clients sharing one {@link HttpClient} (HTTP/1.1, keep-alive), each
 * sending requests back to back until a fixed total count or a time cap is reached. Modes:
 *
 * <ul>
 *   <li>{@code engine.complete} / {@code engine.stream}: the same engine called in-process with the same request
 *       and the context the server would build (the baseline: what HTTP adds is the difference);
 *   <li>{@code http json}: {@code POST /v1/chat/completions}, the whole JSON body read;
 *   <li>{@code http sse}: the same with {@code "stream": true}, the SSE read line by line to {@code data: [DONE]}
 *       and the end of the body.
 * </ul>
 *
 * <p>Each response is checked (status 200 and the reply text, or every SSE chunk and {@code [DONE]}); anything else
 * is an error. Client and server share the JVM and the machine's cores, so the figures are for the pair.
 *
 * <p>{@snippet lang=sh :
 * java -cp benchmarks/target/benchmarks.jar dev.confidant.benchmarks.ServerThroughput \
 *     [--requests 10000] [--cap-seconds 20] [--clients 1,16,64] [--warmup 5000] [--warmup-seconds 5] [--access-log]
 *     [--modes engine_complete,http_json,engine_stream,http_sse]
 * }
 */
public final class ServerThroughput {
  private static final String TOKEN = "bench-token";
  private static final String MODEL = "bench";
  private static final String SYSTEM = "You are a helpful support assistant.";
  private static final String USER = "I need help with my account, it was locked this morning.";
  private static final List<String> FRAGMENTS =
      List.of("Hello", ", ", "how ", "can ", "I ", "help ", "you ", "today", "?");
  private static final String REPLY_TEXT = String.join("", FRAGMENTS);
  private static final ScriptedReply REPLY = ScriptedReply.chunks(FRAGMENTS);

  /** Kept strongly reachable: a JUL logger's level is lost when the logger is collected. */
  private static final Logger ACCESS_LOG = Logger.getLogger("dev.confidant.server.access");

  private ServerThroughput() {}

  enum Mode {
    ENGINE_COMPLETE("engine.complete (in-process)", false),
    HTTP_JSON("http json", false),
    ENGINE_STREAM("engine.stream (in-process)", true),
    HTTP_SSE("http sse", true);

    final String label;
    final boolean streaming;

    Mode(String label, boolean streaming) {
      this.label = label;
      this.streaming = streaming;
    }
  }

  record Options(int requests, double capSeconds, int[] clients, int warmup, double warmupSeconds,
      boolean accessLog, List<Mode> modes) {
    static Options parse(String[] args) {
      int requests = 10_000;
      double cap = 20;
      int[] clients = {1, 16, 64};
      int warmup = 5_000;
      double warmupSeconds = 5;
      boolean accessLog = false;
      List<Mode> modes = List.of(Mode.values());
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--requests" -> requests = Integer.parseInt(args[++i]);
          case "--cap-seconds" -> cap = Double.parseDouble(args[++i]);
          case "--clients" -> clients = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
          case "--warmup" -> warmup = Integer.parseInt(args[++i]);
          case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(args[++i]);
          case "--access-log" -> accessLog = true;
          case "--modes" -> modes = Arrays.stream(args[++i].split(","))
              .map(m -> Mode.valueOf(m.strip().toUpperCase(Locale.ROOT))).toList();
          default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: ServerThroughput"
              + " [--requests N] [--cap-seconds S] [--clients 1,16,64] [--warmup N] [--warmup-seconds S] [--access-log]"
              + " [--modes engine_complete,http_json,engine_stream,http_sse]");
        }
      }
      return new Options(requests, cap, clients, warmup, warmupSeconds, accessLog, modes);
    }
  }

  /** One cell of the table. Latencies in nanoseconds, sorted; {@code ttfc} empty for non-streaming modes. */
  record Result(Mode mode, int clients, int completed, int errors, boolean capped, double seconds, long[] latency,
      long[] ttfc, String firstError) {
    double perSecond() {
      return completed / seconds;
    }
  }

  /** One request of a mode; returns the time to first chunk in ns (0 when not streaming); throws on a bad answer. */
  @FunctionalInterface
  interface Call {
    long run(long start) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    if (!options.accessLog()) {
      // The access log goes to JUL's console handler (stderr) by default: one line per request would measure the
      // terminal. A deployment sends it to a file or a collector.
      ACCESS_LOG.setLevel(Level.WARNING);
    }
    ScriptedModelBackend backend =
        ScriptedModelBackend.builder().responder(r -> REPLY).recordRequests(false).build();
    ChatCompletionEngine engine = ChatEngines.builder().addBackend(backend).defaultBackend(backend.name()).build();
    ServerConfig config = ServerConfig.development(TOKEN)
        .withListen("127.0.0.1", 0)
        .withTokens(List.of(new ServerConfig.Token(ServerConfig.LOCAL_PRINCIPAL, ServerConfig.sha256(TOKEN))))
        .withSpaces(List.of(new ServerConfig.Space(ServerConfig.DEFAULT_SPACE, "Default",
            List.of(new ServerConfig.Member(ServerConfig.LOCAL_PRINCIPAL, SpaceRole.VIEWER)))), ServerConfig.DEFAULT_SPACE)
        .withLimits(ServerConfig.Limits.DEFAULT);
    ChatCompletionRequest request = ChatCompletionRequest.of(MODEL, new SystemMessage(SYSTEM), new UserMessage(USER));
    // What the server builds from this request's headers (no pseudonymization header: pii false, oii true).
    RequestContext context = RequestContext.of(ServerConfig.LOCAL_PRINCIPAL, ServerConfig.DEFAULT_SPACE)
        .with(ChatEngines.MODEL, MODEL).with(Pseudonymization.KEY, Pseudonymization.of(false, true));

    printEnvironment(options);
    List<Result> results = new ArrayList<>();
    try (ConfidantServer server = ConfidantServer.builder(config).engine(engine).start();
        HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build()) {
      URI uri = server.uri().resolve("/v1/chat/completions");
      System.out.println("server: " + server.uri() + " limits " + config.limits());
      for (Mode mode : options.modes()) {
        Call call = switch (mode) {
          case ENGINE_COMPLETE -> start -> {
            ChatCompletionResponse response = engine.complete(request, context);
            String text = response.message().content() == null ? null : response.message().content().text();
            if (!REPLY_TEXT.equals(text)) {
              throw new IllegalStateException("unexpected reply " + text);
            }
            return 0;
          };
          case ENGINE_STREAM -> start -> streamInProcess(engine, request, context, start);
          case HTTP_JSON -> start -> postJson(client, post(uri, body(false)));
          case HTTP_SSE -> start -> postSse(client, post(uri, body(true)), start);
        };
        // Warm-up: rounds of --warmup requests at 16 clients until at least --warmup-seconds have passed (the
        // in-process modes need many rounds before C2 has compiled their paths).
        int rounds = 0;
        int warmed = 0;
        int warmErrors = 0;
        double warmSeconds = 0;
        while (options.warmup() > 0 && (rounds == 0 || warmSeconds < options.warmupSeconds())) {
          Result warm = run(mode, call, 16, options.warmup(), options.capSeconds());
          rounds++;
          warmed += warm.completed();
          warmErrors += warm.errors();
          warmSeconds += warm.seconds();
        }
        System.out.printf(Locale.ROOT, "warmup %-30s %,9d requests in %5.2f s (%d rounds), %d errors%n",
            mode.label, warmed, warmSeconds, rounds, warmErrors);
        for (int clients : options.clients()) {
          Result r = run(mode, call, clients, options.requests(), options.capSeconds());
          results.add(r);
          System.out.println(row(r));
        }
      }
      if (backend.openStreams() != 0) {
        System.out.println("WARNING: " + backend.openStreams() + " backend streams still open");
      }
    } finally {
      engine.close();
    }
    System.out.println();
    System.out.println(header());
    results.forEach(r -> System.out.println(row(r)));
    int errors = results.stream().mapToInt(Result::errors).sum();
    System.out.println();
    System.out.println(errors == 0 ? "errors: 0" : "ERRORS: " + errors);
    if (errors != 0) {
      System.exit(1);
    }
  }

  private static String body(boolean stream) {
    return "{\"model\":\"" + MODEL + "\"," + (stream ? "\"stream\":true," : "")
        + "\"messages\":[{\"role\":\"system\",\"content\":\"" + SYSTEM + "\"},"
        + "{\"role\":\"user\",\"content\":\"" + USER + "\"}]}";
  }

  private static HttpRequest post(URI uri, String body) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static long streamInProcess(ChatCompletionEngine engine, ChatCompletionRequest request,
      RequestContext context, long start) {
    long ttfc = 0;
    StringBuilder text = new StringBuilder();
    try (CompletionStream stream = engine.stream(request, context)) {
      for (ChatCompletionChunk chunk = stream.next(); chunk != null; chunk = stream.next()) {
        if (ttfc == 0) {
          ttfc = System.nanoTime() - start;
        }
        chunk.choices().forEach(c -> {
          if (c.delta().content() != null) {
            text.append(c.delta().content());
          }
        });
      }
    }
    if (!REPLY_TEXT.contentEquals(text)) {
      throw new IllegalStateException("unexpected reply " + text);
    }
    return ttfc;
  }

  private static long postJson(HttpClient client, HttpRequest request) throws Exception {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200 || !response.body().contains(REPLY_TEXT)) {
      throw new IllegalStateException("status " + response.statusCode() + ": " + abbreviate(response.body()));
    }
    return 0;
  }

  /** Reads the SSE to its end; the time to first chunk is taken at the first {@code data: {...}} line. */
  private static long postSse(HttpClient client, HttpRequest request, long start) throws Exception {
    HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    long ttfc = 0;
    int chunks = 0;
    boolean done = false;
    StringBuilder seen = new StringBuilder();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      if (response.statusCode() != 200) {
        throw new IllegalStateException("status " + response.statusCode());
      }
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("data: {")) {
          if (ttfc == 0) {
            ttfc = System.nanoTime() - start;
          }
          if (done || line.startsWith("data: {\"error\"")) {
            throw new IllegalStateException("unexpected event " + abbreviate(line));
          }
          chunks++;
          seen.append(line);
        } else if (line.equals("data: [DONE]")) {
          done = true;
        } else if (!line.isEmpty()) {
          throw new IllegalStateException("unexpected line " + abbreviate(line));
        }
      }
    }
    if (!done || chunks < FRAGMENTS.size()) {
      throw new IllegalStateException("stream ended after " + chunks + " chunks, [DONE] " + done);
    }
    for (String fragment : FRAGMENTS) {
      if (seen.indexOf("\"" + fragment + "\"") < 0) {
        throw new IllegalStateException("fragment '" + fragment + "' missing");
      }
    }
    return ttfc;
  }

  /** {@code clients} virtual threads take request numbers until {@code total} are taken or the cap has passed. */
  static Result run(Mode mode, Call call, int clients, int total, double capSeconds) throws InterruptedException {
    long[] latency = new long[total];
    long[] ttfc = new long[total];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger completed = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicReference<String> firstError = new AtomicReference<>("");
    long begin = System.nanoTime();
    long deadline = begin + (long) (capSeconds * 1e9);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < clients; c++) {
        threads.submit(() -> {
          while (System.nanoTime() < deadline) {
            int i = next.getAndIncrement();
            if (i >= total) {
              return;
            }
            long start = System.nanoTime();
            try {
              ttfc[i] = call.run(start);
              latency[i] = System.nanoTime() - start;
              completed.incrementAndGet();
            } catch (Exception e) {
              latency[i] = -1;
              errors.incrementAndGet();
              firstError.compareAndSet("", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
          }
        });
      }
      threads.shutdown();
      if (!threads.awaitTermination((long) capSeconds + 60, TimeUnit.SECONDS)) {
        throw new IllegalStateException(mode + " did not finish");
      }
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    int taken = Math.min(next.get(), total);
    long[] ok = Arrays.stream(latency, 0, taken).filter(l -> l > 0).sorted().toArray();
    long[] first = mode.streaming ? Arrays.stream(ttfc, 0, taken).filter(l -> l > 0).sorted().toArray() : new long[0];
    return new Result(mode, clients, completed.get(), errors.get(), taken < total, seconds, ok, first,
        firstError.get());
  }

  static String header() {
    return "| mode | clients | requests | errors | wall s | requests/s | p50 | p90 | p99 | first chunk p50 | "
        + "first chunk p99 |\n|---|---|---|---|---|---|---|---|---|---|---|";
  }

  static String row(Result r) {
    String ttfc = r.ttfc().length == 0 ? "— | —" : time(pct(r.ttfc(), 50)) + " | " + time(pct(r.ttfc(), 99));
    return String.format(Locale.ROOT, "| %s | %d | %,d%s | %d | %.2f | %,.0f | %s | %s | %s | %s |", r.mode().label,
        r.clients(), r.completed(), r.capped() ? " (capped)" : "", r.errors(), r.seconds(), r.perSecond(),
        time(pct(r.latency(), 50)), time(pct(r.latency(), 90)), time(pct(r.latency(), 99)), ttfc)
        + (r.errors() > 0 ? "  first error: " + r.firstError() : "");
  }

  /** Nearest-rank percentile of sorted values. */
  static long pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static String time(long nanos) {
    if (nanos < 0) {
      return "—";
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }
    return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  private static void printEnvironment(Options options) {
    Runtime rt = Runtime.getRuntime();
    System.out.println("ServerThroughput " + Instant.now() + ": " + options.requests() + " requests per cell, cap "
        + options.capSeconds() + " s, clients " + Arrays.toString(options.clients()) + ", warmup "
        + options.warmup() + " requests per round at 16 clients for at least " + options.warmupSeconds()
        + " s per mode, access log " + (options.accessLog() ? "on" : "off")
        + ", modes " + options.modes());
    System.out.println("JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version() + ", "
        + rt.availableProcessors() + " processors, max heap " + rt.maxMemory() / (1024 * 1024) + " MB, GC "
        + ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()
        + ", input arguments " + ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.println("OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch") + ", load average "
        + String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
  }
}
