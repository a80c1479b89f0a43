package dev.confidant.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.pii.DetectRequest;
import dev.confidant.pii.DetectResult;
import dev.confidant.pii.PiiDetector;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.PlaceholderStyle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code confidant pii-detect}: JSON lines in, JSON lines out, with the semantics of {@code POST /v1/pii/detect}.
 * Lines are detected in batches (in parallel, output in input order) so that thousands of lines pass per second.
 */
@Command(
    name = "pii-detect",
    mixinStandardHelpOptions = true,
    description = {
        "Reads JSON lines {\"text\": \"...\", \"existing_mapping\": {...}?} on stdin and writes one line per input:",
        "{\"redacted_text\", \"pii_mapping\", \"entity_details\": [{\"type\", \"value\", \"start\", \"end\", \"score\"}]}",
        "(start/end: UTF-16 offsets into text, end exclusive). A bad line gets {\"error\": \"...\"} and the run goes on."
    })
final class PiiDetectCommand implements Callable<Integer> {
  private static final int BATCH = 256;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--no-oii", description = "Do not mask organisation data.")
  boolean noOii;

  @Option(names = "--placeholders", paramLabel = "square|angle", description = "[TYPE_N] (default) or <TYPE_N>.")
  String placeholders = "square";

  @Option(names = "--input", paramLabel = "FILE", description = "Read FILE instead of stdin.")
  @Nullable Path input;

  @Override
  public Integer call() throws IOException {
    PlaceholderStyle style = switch (placeholders) {
      case "square" -> PlaceholderStyle.SQUARE;
      case "angle" -> PlaceholderStyle.ANGLE;
      default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--placeholders must be square or angle, not '" + placeholders + "'");
    };
    PiiDetector detector = PiiDetector.create(PiiOptions.defaults().withPlaceholderStyle(style));
    PrintWriter out = spec.commandLine().getOut();
    int failures = 0;
    try (BufferedReader in = input != null ? Files.newBufferedReader(input, StandardCharsets.UTF_8)
        : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>(BATCH);
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          lines.add(line);
        }
        if (lines.size() == BATCH) {
          failures += process(detector, lines, out);
          lines.clear();
        }
      }
      failures += process(detector, lines, out);
    }
    out.flush();
    return failures == 0 ? 0 : 1;
  }

  private int process(PiiDetector detector, List<String> lines, PrintWriter out) throws JsonProcessingException {
    List<Object> parsed = new ArrayList<>(lines.size()); // DetectRequest, or the error message for that line
    List<DetectRequest> requests = new ArrayList<>();
    for (String line : lines) {
      Object item = parse(line);
      parsed.add(item);
      if (item instanceof DetectRequest request) {
        requests.add(request);
      }
    }
    List<DetectResult> results = detector.detectAll(requests);
    int next = 0;
    int failures = 0;
    for (Object item : parsed) {
      if (item instanceof DetectRequest) {
        out.println(JSON.writeValueAsString(toJson(results.get(next++))));
      } else {
        failures++;
        out.println(JSON.writeValueAsString(Map.of("error", item)));
      }
    }
    return failures;
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
        mapping.put(e.getKey(), e.getValue().asText());
      }
    }
    return new DetectRequest(node.get("text").asText(), mapping, null, null, !noOii);
  }

  private static ObjectNode toJson(DetectResult result) {
    ObjectNode json = JSON.createObjectNode();
    json.put("redacted_text", result.redactedText());
    ObjectNode mapping = json.putObject("pii_mapping");
    result.piiMapping().forEach(mapping::put);
    ArrayNode details = json.putArray("entity_details");
    for (PiiEntity e : result.entityDetails()) {
      details.addObject()
          .put("type", e.type().tag())
          .put("value", e.value())
          .put("start", e.start())
          .put("end", e.end())
          .put("score", e.score());
    }
    return json;
  }
}
