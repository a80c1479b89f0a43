package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The first hour of a newcomer, over HTTP as curl would do it: a fresh server in development mode (no
 * configuration, the embedded tiny model, the server's own engine with every discovered stage), the seed's request
 * with the development space and model, a request with a tool definition, and a question to a collection of six
 * files that comes back with citations. Every step must be a 200 that fits the model's context.
 */
class NewcomerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> FILES = new LinkedHashMap<>();

  static {
    FILES.put("vacation.md", "# Vacation\n\nEvery employee gets thirty vacation days per year. Unused vacation days "
        + "carry over until the end of March of the following year.");
    FILES.put("travel.md", "# Travel\n\nTrain travel is booked in second class. Flights need the approval of a "
        + "team lead and are booked through the travel desk.");
    FILES.put("expenses.txt", "Expenses are reimbursed within fourteen days. Receipts must be uploaded to the "
        + "expense tool within one month of the purchase.");
    FILES.put("security.md", "# Security\n\nLaptops lock after five minutes. Passwords are at least sixteen "
        + "characters long and never shared, not even with the help desk.");
    FILES.put("remote.txt", "Remote work is possible three days a week. The core hours are from ten to three; "
        + "meetings are scheduled within them.");
    FILES.put("onboarding.html", "<html><body><h1>Onboarding</h1><p>New employees meet their buddy on the first "
        + "day and receive their laptop from the help desk.</p></body></html>");
  }

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void theFirstHourIsGreen() throws Exception {
    String token = ConfidantServer.developmentToken(Map.of(), t -> { });
    try (ConfidantServer server = ConfidantServer.start(ServerConfig.development(token).withPort(0))) {
      URI base = server.uri().resolve("/api-proxy/v1/");

      // 1. The seed's request (DESIGN.md), with the development space and model.
      JsonNode seed = ok(send(HttpRequest.newBuilder(base.resolve("chat/completions"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .header("X-Model", "confidant-tiny")
          .header("X-Aimable-Space-Id", "default")
          .header("X-Apply-Pii-Pseudonymization", "true")
          .header("X-Apply-Oii-Pseudonymization", "true")
          .header("X-Pii-Mapping", "{\"[NAME_1]\":\"John Doe\"}")
          .POST(HttpRequest.BodyPublishers.ofString("""
              {"messages":[{"role":"system","content":"You are a helpful support assistant."},
                           {"role":"user","content":"My name is John Doe and I need help with my account."}],
               "temperature":0.7,"max_tokens":16,"top_p":1,"n":1,"seed":7,"stream":false,"user":"u-1"}"""))));
      assertThat(seed.path("object").asText()).isEqualTo("chat.completion");
      assertThat(seed.path("model").asText()).isEqualTo("confidant-tiny");
      assertThat(seed.path("usage").path("completion_tokens").asInt()).isBetween(1, 16);

      // 2. The tool example's tool, as a client tool: its schema fits the context, the model decides.
      JsonNode tool = ok(send(chat(base, token, """
          {"model":"confidant-tiny","max_tokens":8,"tool_choice":"auto",
           "messages":[{"role":"user","content":"Where is my order A-1002?"}],
           "tools":[{"type":"function","function":{"name":"order_status",
             "description":"Looks up the status and expected delivery date of an order by its id.",
             "parameters":{"type":"object","properties":{"order_id":{"type":"string",
               "description":"The order id, e.g. A-1002"}},"required":["order_id"],"additionalProperties":false}}}]}""")));
      assertThat(tool.path("choices").get(0).path("finish_reason").asText()).isIn("stop", "length", "tool_calls");

      // 3. A collection of six files, and a question to it that comes back with citations.
      ok(send(HttpRequest.newBuilder(base.resolve("spaces/default/collections"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Handbook\",\"collection_id\":\"handbook\"}"))));
      JsonNode upload = ok(send(multipart(base.resolve("spaces/default/collections/handbook/documents"), token)));
      assertThat(upload.path("source_ids")).hasSize(FILES.size());
      awaitIndexed(base, token);
      JsonNode answer = ok(send(chat(base, token,
          "{\"messages\":[{\"role\":\"user\",\"content\":\"How many vacation days do employees get per year?\"}],"
              + "\"max_tokens\":8}").header("X-Collection-Ids", "handbook")));
      JsonNode citations = answer.path("choices").get(0).path("message").path("context").path("citations");
      assertThat(citations.isArray() && !citations.isEmpty()).as(answer.toString()).isTrue();
      // The best passage answers the question (hybrid search over the six files).
      assertThat(citations.get(0).path("content").asText()).contains("thirty vacation days per year");
      List<String> sourceIds = new ArrayList<>();
      upload.path("source_ids").forEach(id -> sourceIds.add(id.asText()));
      assertThat(sourceIds).contains(citations.get(0).path("source_id").asText());
      assertThat(answer.path("usage").path("prompt_tokens").asInt()).isGreaterThan(50);
    }
  }

  private HttpRequest.Builder chat(URI base, String token, String body) {
    return HttpRequest.newBuilder(base.resolve("chat/completions"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static HttpRequest.Builder multipart(URI uri, String token) {
    String boundary = "----newcomer";
    StringBuilder body = new StringBuilder();
    FILES.forEach((name, content) -> body.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"files\"; filename=\"").append(name).append("\"\r\n")
        .append("Content-Type: application/octet-stream\r\n\r\n").append(content).append("\r\n"));
    body.append("--").append(boundary).append("--\r\n");
    return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
  }

  /** Polls the collection's documents as a client would, until all six are indexed. */
  private void awaitIndexed(URI base, String token) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      JsonNode documents = ok(send(HttpRequest.newBuilder(base.resolve("spaces/default/collections/handbook/documents"))
          .header("Authorization", "Bearer " + token).GET()));
      List<String> states = new ArrayList<>();
      documents.path("documents").forEach(d -> states.add(d.path("status").asText()));
      if (states.size() == FILES.size() && states.stream().allMatch("indexed"::equals)) {
        return;
      }
      assertThat(states).as(documents.toString()).doesNotContain("failed");
      assertThat(System.nanoTime()).as("indexed within 2 minutes: " + documents).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return client.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode ok(HttpResponse<String> res) throws IOException {
    assertThat(res.statusCode()).as(res.request().method() + " " + res.request().uri() + ": " + res.body())
        .isBetween(200, 202);
    return JSON.readTree(res.body());
  }
}
