package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.testkit.TestServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code confidant serve} processes (separate JVMs, ports of their own) sharing the PostgreSQL and the OpenSearch
 * that {@code .ci/run} starts, configured with {@code storage:} as docs/deploy.md describes: a thread's placeholders
 * written on one node are restored on the other, another caller cannot read them on either, and a file uploaded on
 * one node is found on the other, a job whose node is killed with -9 mid-ingestion is finished by the other node and
 * indexed once, and a caller's requests per minute are counted for both nodes together. Each run uses a schema and an index prefix of its own and drops them afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the ingestion test kills a node: it runs last
class MultiNodeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALICE = "alice-token-" + UUID.randomUUID();
  private static final String BOB = "bob-token-" + UUID.randomUUID();
  private static final String CAROL = "carol-token-" + UUID.randomUUID();
  /** budgets.principal-requests-per-minute of the cluster: counted in PostgreSQL, so for both nodes together. */
  private static final int REQUESTS_PER_MINUTE = 3;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dir;
  private static String postgresUrl;
  private static String openSearchUrl;
  private static String schema;
  private static String prefix;
  private static final List<Process> nodes = new ArrayList<>();
  private static final List<URI> uris = new ArrayList<>();

  @BeforeAll
  static void startTwoNodes() throws Exception {
    postgresUrl = TestServers.postgresUrl();
    openSearchUrl = TestServers.openSearchUrl();
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    schema = "mn_" + id;
    prefix = "mn" + id + "-";
    Path config = dir.resolve("cluster.yaml");
    Files.writeString(config, """
        listen: {host: 127.0.0.1, port: 0}
        storage:
          postgres: {url: "%s", schema: %s, max-pool-size: 4, ingest-lease-seconds: 3}
          opensearch: {url: "%s", index-prefix: %s}
        tokens:
          - {principal: alice, sha256: %s}
          - {principal: bob, sha256: %s}
          - {principal: carol, sha256: %s}
        spaces:
          - id: team
            members: [{principal: alice, role: admin}, {principal: bob, role: admin}, {principal: carol, role: admin}]
        default-space: team
        budgets: {principal-requests-per-minute: %d}
        """.formatted(postgresUrl, schema, openSearchUrl, prefix, ServerConfig.sha256(ALICE),
        ServerConfig.sha256(BOB), ServerConfig.sha256(CAROL), REQUESTS_PER_MINUTE));
    String key = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().substring(0, 32)
        .getBytes(StandardCharsets.US_ASCII));
    // Both start together: the schema migration must happen once (an advisory lock), not fail on one of them.
    List<CompletableFuture<URI>> started = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      started.add(start(config, key));
    }
    for (CompletableFuture<URI> uri : started) {
      uris.add(uri.get(180, TimeUnit.SECONDS));
    }
  }

  private static CompletableFuture<URI> start(Path config, String key) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "--add-modules", "jdk.incubator.vector",
        "-cp", System.getProperty("java.class.path"), "dev.confidant.server.cli.ConfidantCli", "serve", "--config",
        config.toString()).redirectErrorStream(true);
    builder.environment().put("CONFIDANT_VAULT_KEY", key);
    Process process = builder.start();
    nodes.add(process);
    CompletableFuture<URI> uri = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      StringBuilder log = new StringBuilder();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("Confidant listening on ")) {
            uri.complete(URI.create(line.substring("Confidant listening on ".length()).strip()));
          } else if (!uri.isDone() && log.length() < 20_000) {
            log.append(line).append('\n');
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
      uri.completeExceptionally(new AssertionError("the node exited before listening:\n" + log));
    });
    return uri;
  }

  @AfterAll
  static void stopNodes() throws Exception {
    for (Process node : nodes) {
      node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(postgresUrl); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
      HTTP.send(HttpRequest.newBuilder(URI.create(openSearchUrl + "/" + prefix + "*")).DELETE().build(),
          HttpResponse.BodyHandlers.discarding());
      HTTP.send(HttpRequest.newBuilder(URI.create(openSearchUrl + "/_search/pipeline/" + prefix + "hybrid")).DELETE()
          .build(), HttpResponse.BodyHandlers.discarding());
    }
  }

  private static HttpResponse<String> post(int node, String path, String token, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uris.get(node).resolve(path)).timeout(Duration.ofSeconds(120))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode detect(int node, String token, String thread, String text) throws Exception {
    HttpResponse<String> res = post(node, "/v1/pii/detect", token, JSON.createObjectNode().put("text", text)
        .put("thread_id", thread).toString());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return JSON.readTree(res.body());
  }

  @Test
  void aThreadsPlaceholdersWrittenOnOneNodeAreRestoredOnTheOther() throws Exception {
    String thread = "thread-" + UUID.randomUUID();
    JsonNode first = detect(0, ALICE, thread, "Clara Fischer called about the invoice.");
    assertThat(first.path("redacted_text").asText()).contains("[NAME_1]").doesNotContain("Clara");
    assertThat(first.path("pii_mapping").path("[NAME_1]").asText()).isEqualTo("Clara Fischer");

    // The next turn on the other node: the same person keeps [NAME_1], a new one gets the next number.
    JsonNode second = detect(1, ALICE, thread, "Clara Fischer and Jonas Weber met yesterday.");
    assertThat(second.path("redacted_text").asText()).startsWith("[NAME_1] and [NAME_2]");
    assertThat(second.path("pii_mapping").path("[NAME_1]").asText()).isEqualTo("Clara Fischer");
    assertThat(second.path("pii_mapping").path("[NAME_2]").asText()).isEqualTo("Jonas Weber");

    // And back on the first node, the mapping the second node extended.
    JsonNode third = detect(0, ALICE, thread, "Jonas Weber wrote back.");
    assertThat(third.path("redacted_text").asText()).startsWith("[NAME_2]");
  }

  @Test
  void anotherCallerNamingTheSameThreadSeesNothingOnEitherNode() throws Exception {
    String thread = "shared-" + UUID.randomUUID();
    detect(0, ALICE, thread, "Clara Fischer called about the invoice.");
    for (int node = 0; node < 2; node++) {
      // VaultIsolationTest's probe, across nodes: Bob names Alice's thread and asks for her placeholder.
      HttpResponse<String> probe = post(node, "/v1/pii/detect", BOB, JSON.createObjectNode()
          .put("text", "[NAME_1]").put("thread_id", thread).toString());
      assertThat(probe.body()).as("node " + node).doesNotContain("Clara", "Fischer");
      // Alice's own probe finds the value, so the probe above had something to find.
      assertThat(post(node, "/v1/pii/detect", ALICE, JSON.createObjectNode().put("text", "[NAME_1]")
          .put("thread_id", thread).toString()).body()).as("node " + node).contains("Clara Fischer");
    }
  }

  @Test
  void aFileUploadedOnOneNodeIsFoundOnTheOther() throws Exception {
    String boundary = "----multinode";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"budget.md\"\r\n"
        + "Content-Type: text/plain\r\n\r\n# Budget\n\nThe quarterly budget review happens in March.\r\n--"
        + boundary + "--\r\n";
    HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(uris.get(0).resolve("/v1/files/"))
        .timeout(Duration.ofSeconds(180)).header("Authorization", "Bearer " + ALICE)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
    String sourceId = JSON.readTree(upload.body()).path("source_ids").get(0).asText();

    HttpResponse<String> search = post(1, "/v1/files/search", ALICE,
        "{\"search_query\":\"budget review\",\"source_ids\":[\"" + sourceId + "\"],\"k\":3}");
    assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
    JsonNode hit = JSON.readTree(search.body()).path("results").get(0);
    assertThat(hit.path("source_id").asText()).isEqualTo(sourceId);
    assertThat(hit.path("content").asText()).contains("quarterly budget review");
  }

  @Test
  void aCallersRequestsPerMinuteAreCountedAcrossNodes() throws Exception {
    // Requests count when admitted, before the model is looked up, so a model that no node serves is enough. A
    // minute that turns during the attempt restarts the counts: then the attempt is repeated in the next minute.
    String chat = "{\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    for (int attempt = 1; ; attempt++) {
      long minute = System.currentTimeMillis() / 60_000;
      List<Integer> codes = new ArrayList<>();
      for (int i = 0; i <= REQUESTS_PER_MINUTE; i++) {
        codes.add(post(i % 2, "/v1/chat/completions", CAROL, chat).statusCode()); // nodes 0, 1, 0, 1
      }
      if (System.currentTimeMillis() / 60_000 != minute && attempt < 3) {
        // Some of them count in the new minute: start again in a minute of its own (rare: the calls take ~1 s).
        Thread.sleep(60_000 - System.currentTimeMillis() % 60_000 + 100);
        continue;
      }
      assertThat(codes.subList(0, REQUESTS_PER_MINUTE)).as("admitted on either node").doesNotContain(429);
      assertThat(codes.get(REQUESTS_PER_MINUTE)).as("the limit counts both nodes' requests").isEqualTo(429);
      return;
    }
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void aJobWhoseNodeIsKilledMidIngestionIsFinishedByTheOtherNodeAndIndexedOnce() throws Exception {
    HttpResponse<String> created = post(0, "/v1/spaces/team/collections", ALICE,
        "{\"name\":\"Reports\",\"collection_id\":\"reports\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    // Two batches (32 documents per commit), so that the kill finds work in progress or waiting.
    StringBuilder body = new StringBuilder();
    String boundary = "----killed";
    for (int i = 0; i < 40; i++) {
      body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"files\"; filename=\"r")
          .append(i).append(".md\"\r\nContent-Type: text/plain\r\n\r\n# Report ").append(i).append("\n\n")
          .append(("Site " + i + " inspected the pumps, valves and filters of hall " + i + ". ").repeat(12))
          .append("\r\n");
    }
    body.append("--").append(boundary).append("--\r\n");
    HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(uris.get(0)
        .resolve("/v1/spaces/team/collections/reports/documents")).timeout(Duration.ofSeconds(120))
        .header("Authorization", "Bearer " + ALICE).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    List<String> sources = new ArrayList<>();
    JSON.readTree(accepted.body()).path("source_ids").forEach(id -> sources.add(id.asText()));
    assertThat(sources).hasSize(40);

    // Whichever node leased the space's batch (the owner names its process) is killed while it holds it.
    int victim = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (victim < 0 && System.nanoTime() < deadline) {
      String owner = query("SELECT coalesce(max(lease_owner), '') FROM confidant_ingest_space"
          + " WHERE lease_until > clock_timestamp()");
      for (int node = 0; node < 2; node++) {
        if (owner.contains(":" + nodes.get(node).pid() + "/")) {
          victim = node;
        }
      }
      Thread.sleep(20);
    }
    assertThat(victim).as("a node leased the batch").isNotNegative();
    nodes.get(victim).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    long unfinished = Long.parseLong(query("SELECT count(*) FROM confidant_ingest_document"
        + " WHERE state IN ('HELD', 'QUEUED')"));
    assertThat(unfinished).as("the node was killed mid-ingestion").isPositive();

    // The survivor takes the batch once the dead node's lease runs out (3 s) and indexes everything acknowledged.
    int survivor = 1 - victim;
    JsonNode documents = null;
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      HttpResponse<String> listed = HTTP.send(HttpRequest.newBuilder(uris.get(survivor)
          .resolve("/v1/spaces/team/collections/reports/documents")).header("Authorization", "Bearer " + ALICE)
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
      documents = JSON.readTree(listed.body()).path("documents");
      boolean allIndexed = documents.size() == sources.size();
      for (JsonNode d : documents) {
        allIndexed &= d.path("status").asText().equals("indexed");
      }
      if (allIndexed) {
        break;
      }
      Thread.sleep(250);
    }
    assertThat(documents).as("every acknowledged document is indexed").hasSize(40);
    int chunks = 0;
    for (JsonNode d : documents) {
      assertThat(d.path("status").asText()).as(d.toString()).isEqualTo("indexed");
      chunks += d.path("chunks").asInt();
    }
    assertThat(Integer.parseInt(query("SELECT max(attempts) FROM confidant_ingest_document")))
        .as("the killed node's batch was taken again").isGreaterThanOrEqualTo(2);

    // Nothing indexed twice: OpenSearch holds exactly the chunks the statuses count.
    HTTP.send(HttpRequest.newBuilder(URI.create(openSearchUrl + "/" + prefix + "*/_refresh"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    HttpResponse<String> count = HTTP.send(HttpRequest.newBuilder(URI.create(openSearchUrl + "/" + prefix
        + "*/_count")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
        "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"kind\":\"chunk\"}},"
            + "{\"term\":{\"collection_id\":\"reports\"}}]}}}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
    assertThat(chunks).isGreaterThanOrEqualTo(40);
    assertThat(JSON.readTree(count.body()).path("count").asInt()).isEqualTo(chunks);
  }

  /** One value of a query on the cluster's schema, as text. */
  private static String query(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(postgresUrl)) {
      c.setSchema(schema);
      try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    }
  }
}
