package dev.confidant.server.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.pii.DetectRequest;
import dev.confidant.pii.DetectResult;
import dev.confidant.pii.PiiDetector;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.PlaceholderStyle;
import dev.confidant.server.internal.pii.PiiJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code confidant pii-detect}: JSON lines in, JSON lines out, with the semantics and the JSON shape of
 * {@code POST /v1/pii/detect} ({@link PiiJson}).
 * Lines are read ahead in chunks (bounded), parsed, detected and serialized on worker threads, and written in input
 * order; the reading thread only reads and writes.
 */
@Command(
    name = "pii-detect",
    mixinStandardHelpOptions = true,
    description = {
        "Finds personal data in JSON lines read on stdin and writes one masked JSON line per input, as POST"
            + " /v1/pii/detect answers.",
        "Reads {\"text\": \"...\", \"existing_mapping\": {...}?} and writes",
        "{\"redacted_text\", \"pii_mapping\", \"entity_details\": [{\"entity_type\", \"text\", \"start\", \"end\", \"score\"}]}",
        "(start/end: UTF-16 offsets into text, end exclusive). A bad line gets {\"error\": \"...\"} and the run goes on."
    })
final class PiiDetectCommand implements Callable<Integer> {
  /**
   * Lines per task: enough to make the hand-off negligible next to detection (~1-2 ms a line), few enough that
   * every core stays busy up to the last line.
   */
  private static final int CHUNK = 32;
  /** Chunks read ahead per worker thread: bounds memory whatever the input size, and keeps the workers fed. */
  private static final int READ_AHEAD_PER_THREAD = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--no-oii", description = "Do not mask organisation data.")
  boolean noOii;

  @Option(names = "--placeholders", paramLabel = "square|angle", description = "[TYPE_N] (default) or <TYPE_N>.")
  String placeholders = "square";

  @Option(names = "--input", paramLabel = "FILE", description = "Read FILE instead of stdin.")
  @Nullable Path input;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available processors).")
  int threads = Runtime.getRuntime().availableProcessors();

  /** A chunk's output: its JSON lines, in input order, and how many of them are errors. */
  private record Output(String lines, int failures) {}

  @Override
  public Integer call() throws IOException {
    PlaceholderStyle style = switch (placeholders) {
      case "square" -> PlaceholderStyle.SQUARE;
      case "angle" -> PlaceholderStyle.ANGLE;
      default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--placeholders must be square or angle, not '" + placeholders + "'");
    };
    if (threads < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, not "
          + threads);
    }
    PiiDetector detector = PiiDetector.create(PiiOptions.defaults().withPlaceholderStyle(style));
    PrintWriter out = spec.commandLine().getOut();
    AtomicInteger workers = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "pii-detect-" + workers.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    // The reading thread hands chunks of lines to the workers (parse, detect, serialize) and writes their
    // outputs in input order, never holding more than a bounded number of chunks.
    Deque<Future<Output>> inFlight = new ArrayDeque<>();
    int maxInFlight = READ_AHEAD_PER_THREAD * threads;
    int failures = 0;
    try (BufferedReader in = input != null ? Files.newBufferedReader(input, StandardCharsets.UTF_8)
        : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16)) {
      List<String> lines = new ArrayList<>(CHUNK);
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        lines.add(line);
        if (lines.size() == CHUNK) {
          List<String> chunk = lines;
          inFlight.add(pool.submit(() -> process(detector, chunk)));
          lines = new ArrayList<>(CHUNK);
          while (!inFlight.isEmpty() && (inFlight.size() >= maxInFlight || inFlight.peek().isDone())) {
            failures += write(inFlight.poll(), out);
          }
        }
      }
      if (!lines.isEmpty()) {
        List<String> chunk = lines;
        inFlight.add(pool.submit(() -> process(detector, chunk)));
      }
      while (!inFlight.isEmpty()) {
        failures += write(inFlight.poll(), out);
      }
    } finally {
      pool.shutdownNow();
    }
    out.flush();
    return failures == 0 ? 0 : 1;
  }

  /** Writes a chunk's lines once it is done (one write, one flush per chunk: not per line). */
  private static int write(Future<Output> next, PrintWriter out) {
    Output output;
    try {
      output = next.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for detection");
    } catch (ExecutionException e) {
      // process() answers every line, bad ones included; only an Error gets here.
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
    out.write(output.lines());
    out.flush();
    return output.failures();
  }

  /** Parses, detects and serializes one chunk; a bad line becomes an error line in its place. */
  private Output process(PiiDetector detector, List<String> lines) throws IOException {
    List<Object> parsed = new ArrayList<>(lines.size()); // DetectRequest, or the error message for that line
    List<DetectRequest> requests = new ArrayList<>(lines.size());
    for (String line : lines) {
      Object item = parse(line);
      parsed.add(item);
      if (item instanceof DetectRequest request) {
        requests.add(request);
      }
    }
    List<?> results; // per request: a DetectResult, or the error message if its detection failed
    try {
      results = detector.detectAll(requests); // fewer than 64: runs right here, the chunks are the parallelism
    } catch (RuntimeException e) {
      results = requests.stream().map(r -> detectOne(detector, r)).toList(); // find the line(s) that failed
    }
    StringWriter text = new StringWriter(lines.size() * 512);
    int failures = 0;
    int next = 0;
    try (JsonGenerator json = JSON.getFactory().createGenerator(text)) {
      json.setRootValueSeparator(null);
      for (Object item : parsed) {
        Object result = item instanceof DetectRequest ? results.get(next++) : item;
        if (result instanceof DetectResult r) {
          write(json, r);
        } else {
          failures++;
          json.writeStartObject();
          json.writeStringField("error", (String) result);
          json.writeEndObject();
        }
        json.flush();
        text.write('\n');
      }
    }
    return new Output(text.toString(), failures);
  }

  private static Object detectOne(PiiDetector detector, DetectRequest request) {
    try {
      return detector.detect(request);
    } catch (RuntimeException e) {
      return "detection failed: " + e.getClass().getSimpleName(); // never the message: it may quote the text
    }
  }

  private Object parse(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return "invalid JSON at column " + e.getLocation().getColumnNr(); // never echo the line: it holds PII
    }
    if (node == null || !node.isObject() || !node.path("text").isTextual()) {
      return "each line must be an object with a string field \"text\"";
    }
    Map<String, String> mapping = new LinkedHashMap<>();
    JsonNode existing = node.path("existing_mapping");
    if (!existing.isMissingNode() && !existing.isNull()) {
      if (!existing.isObject()) {
        return "\"existing_mapping\" must be an object of placeholder to value";
      }
      for (Map.Entry<String, JsonNode> e : existing.properties()) {
        if (!e.getValue().isTextual()) {
          return "\"existing_mapping\" values must be strings";
        }
        if (!PiiJson.isMappingKey(e.getKey())) {
          return "\"existing_mapping\": " + PiiJson.notAMappingKey(e.getKey());
        }
        mapping.put(e.getKey(), e.getValue().asText());
      }
    }
    return new DetectRequest(node.get("text").asText(), mapping, null, !noOii);
  }

  private static void write(JsonGenerator json, DetectResult result) throws IOException {
    PiiJson.write(json, result); // the shape of POST /v1/pii/detect
  }
}
