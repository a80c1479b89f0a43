package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.testkit.ScriptedModelBackend;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Sends seeded random malformed bodies and headers: no answer may be a 5xx, and every answer must be JSON. The
 * count is {@code -Dconfidant.fuzz.iterations}; by default 10,000 in CI ({@code CI=true}) and 2,000 elsewhere, so
 * the local suite stays quick on a shared machine (run 100,000 before a release).
 */
class FuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VALID = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
      + "\"temperature\":0.7,\"max_tokens\":5,\"stream\":false,\"stop\":[\"x\"],\"tools\":[{\"type\":\"function\","
      + "\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}],\"n\":1}";
  private static final String[] HEADERS = {"X-Model", "X-Aimable-Space-Id", "X-Space-Id",
      "X-Apply-Pii-Pseudonymization", "X-Apply-Oii-Pseudonymization", "X-Pii-Mapping", "X-Collection-Ids",
      "X-Uploaded-Files", "X-Trace-Id", "X-Parent-Span-Id", "X-Thread-Id", "X-Model-Api-Base-Url",
      "X-Model-Api-Key", "Content-Type"};
  private static final String[] FRAGMENTS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e999",
      "\"messages\"", "\"role\"", "\"content\"", "\"user\"", "\"tool\"", "\"stream\"", "\\u0000", "\\ud800", "💥",
      "99999999999999999999999", "\"model\"", "\"tools\"", "\"n\"", "0.5", "{}", "[]", "\"\""};

  @Test
  void malformedBodiesAndHeadersNeverCause5xxAndAlwaysGetJson() throws Exception {
    int iterations = Integer.getInteger("confidant.fuzz.iterations",
        "true".equals(System.getenv("CI")) ? 10_000 : 2_000);
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    // The default space honours X-Model-Api-Base-Url, so that its parser is fuzzed too (the scripted engine has no
    // openai backend: nothing is ever called at a fuzzed URL).
    ServerConfig config = Harness.config().withSpaces(Harness.config().spaces().stream()
        .map(s -> s.withCustomModelEndpoint(true)).toList(), "default");
    try (Harness h = new Harness(ScriptedModelBackend.echo(), config);
        ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int worker = 0; worker < 4; worker++) {
        int seed = 42 + worker;
        futures.add(pool.submit(() -> {
          Random random = new Random(seed);
          for (int i = 0; i < iterations / 4; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(h.uri(path(random)))
                .header("Authorization", "Bearer " + Harness.ADMIN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(random)));
            int headers = random.nextInt(4);
            for (int k = 0; k < headers; k++) {
              request.header(HEADERS[random.nextInt(HEADERS.length)], headerValue(random));
            }
            HttpResponse<String> res = h.send(request);
            statuses.merge(res.statusCode(), 1, Integer::sum);
            assertThat(res.statusCode()).as("status for case %d of seed %d: %s", i, seed, res.body())
                .isLessThan(500);
            String type = res.headers().firstValue("content-type").orElse("");
            if (res.statusCode() == 200 && type.startsWith("text/event-stream")) {
              // A mutation may yield a valid streaming request: then every event must be JSON or [DONE].
              for (String event : res.body().split("\n\n")) {
                String data = event.substring("data: ".length());
                assertThat(data.equals("[DONE]") || JSON.readTree(data).isObject()).as(event).isTrue();
              }
              continue;
            }
            JsonNode json = JSON.readTree(res.body());
            assertThat(json.isObject()).as(res.body()).isTrue();
            assertThat(type).startsWith("application/json");
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      assertThat(h.backend.openStreams()).isZero();
    }
    assertThat(statuses.keySet()).contains(422);
  }

  private static String path(Random random) {
    return random.nextInt(10) == 0 ? "/v1/chat/completions" : "/api-proxy/v1/chat/completions";
  }

  private static byte[] body(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> randomBytes(random);
      case 1 -> VALID.substring(0, random.nextInt(VALID.length())).getBytes(StandardCharsets.UTF_8);
      case 2 -> mutate(random).getBytes(StandardCharsets.UTF_8);
      case 3 -> fragments(random).getBytes(StandardCharsets.UTF_8);
      case 4 -> nested(random).getBytes(StandardCharsets.UTF_8);
      default -> swapValue(random).getBytes(StandardCharsets.UTF_8);
    };
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(200)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String mutate(Random random) {
    StringBuilder s = new StringBuilder(VALID);
    int edits = 1 + random.nextInt(5);
    for (int i = 0; i < edits && s.length() > 0; i++) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(3)) {
        case 0 -> s.deleteCharAt(at);
        case 1 -> s.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        default -> s.setCharAt(at, (char) (32 + random.nextInt(95)));
      }
    }
    return s.toString();
  }

  private static String fragments(Random random) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(30);
    for (int i = 0; i < n; i++) {
      s.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
    }
    return s.toString();
  }

  private static String nested(Random random) {
    int depth = 1 + random.nextInt(3000);
    String open = random.nextBoolean() ? "[" : "{\"a\":";
    return "{\"model\":\"m\",\"messages\":" + open.repeat(depth);
  }

  private static String swapValue(Random random) {
    String[] values = {"null", "1", "-0.0", "\"x\"", "[]", "{}", "true", "[{}]", "[null]", "1e400",
        "\"" + "y".repeat(random.nextInt(3) * 5000) + "\""};
    String[] fields = {"\"model\":\"m\"", "\"temperature\":0.7", "\"max_tokens\":5", "\"stream\":false",
        "\"n\":1", "\"role\":\"user\"", "\"content\":\"hi\"", "\"stop\":[\"x\"]", "\"parameters\":{\"type\":\"object\"}"};
    String field = fields[random.nextInt(fields.length)];
    String key = field.substring(0, field.indexOf(':') + 1);
    return VALID.replace(field, key + values[random.nextInt(values.length)]);
  }

  private static String headerValue(Random random) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(40);
    for (int i = 0; i < n; i++) {
      // Visible ASCII and Latin-1 only: the JDK client refuses control characters in header values.
      s.append(random.nextInt(5) == 0 ? (char) (0xA0 + random.nextInt(0x60)) : (char) (33 + random.nextInt(94)));
    }
    return random.nextInt(8) == 0 ? "{\"<P_1>\":" + s + "}" : s.toString();
  }
}
