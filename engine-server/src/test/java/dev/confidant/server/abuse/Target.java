package dev.confidant.server.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.core.ChatEngines;
import dev.confidant.server.ConfidantServer;
import dev.confidant.core.SpaceRole;
import dev.confidant.server.ServerConfig;
import dev.confidant.testkit.ScriptedModelBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An in-process server for abuse tests: an echo model, spaces {@code alpha} and {@code beta}; {@link #ADMIN} is admin
 * of both, {@link #EDITOR_A} editor of alpha, {@link #EDITOR_B} editor of beta.
 */
final class Target implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = "abuse-admin";
  static final String EDITOR_A = "abuse-editor-a";
  static final String EDITOR_B = "abuse-editor-b";

  final ChatCompletionEngine engine;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final ConfidantServer server;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** A server with {@link #config()} changed by {@code customize}. */
  Target(UnaryOperator<ServerConfig> customize) {
    ScriptedModelBackend echo = ScriptedModelBackend.echo();
    this.engine = ChatEngines.builder().discover(false).addBackend(echo).defaultBackend(echo.name()).build();
    this.server = ConfidantServer.builder(customize.apply(config())).engine(engine).meterRegistry(registry).start();
  }

  static ServerConfig config() {
    return ServerConfig.development(ADMIN)
        .withListen("127.0.0.1", 0)
        .withTokens(List.of(new ServerConfig.Token("root", ServerConfig.sha256(ADMIN)),
            new ServerConfig.Token("ann", ServerConfig.sha256(EDITOR_A)),
            new ServerConfig.Token("ben", ServerConfig.sha256(EDITOR_B))))
        .withSpaces(List.of(
            new ServerConfig.Space("alpha", "Alpha", List.of(new ServerConfig.Member("root", SpaceRole.ADMIN),
                new ServerConfig.Member("ann", SpaceRole.EDITOR))),
            new ServerConfig.Space("beta", "Beta", List.of(new ServerConfig.Member("root", SpaceRole.ADMIN),
                new ServerConfig.Member("ben", SpaceRole.EDITOR)))), "alpha");
  }

  URI base() {
    return server.uri();
  }

  /**
   * Uploads files (name to content) into a collection of a space as {@link #ADMIN}, in one multipart request; the
   * collection is created first if needed.
   */
  HttpResponse<String> upload(String space, String collection, Map<String, byte[]> files) throws Exception {
    HttpResponse<String> created = client.send(HttpRequest.newBuilder(base().resolve("/v1/spaces/" + space
            + "/collections")).header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + collection + "\",\"collection_id\":\""
            + collection + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201 && !created.body().contains("already exists")) {
      throw new AssertionError("creating collection " + collection + ": " + created.body());
    }
    String boundary = "----abuse-" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
          + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      body.write(file.getValue());
      body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return client.send(HttpRequest.newBuilder(base().resolve("/v1/spaces/" + space + "/collections/" + collection
            + "/documents")).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + ADMIN)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The status of an uploaded document ({@code pending}, {@code indexed}, {@code failed}) and its reason. */
  JsonNode document(String space, String collection, String sourceId) throws Exception {
    HttpResponse<String> res = client.send(HttpRequest.newBuilder(base().resolve("/v1/spaces/" + space
            + "/collections/" + collection + "/documents/" + sourceId)).header("Authorization", "Bearer " + ADMIN)
        .build(), HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new AssertionError("document " + sourceId + ": " + res.body());
    }
    return JSON.readTree(res.body());
  }

  /** Polls a document until it is no longer pending, for at most {@code within}; its final status. */
  JsonNode awaitDone(String space, String collection, String sourceId, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    JsonNode status = document(space, collection, sourceId);
    while (status.path("status").asText().equals("pending") && System.nanoTime() < deadline) {
      Thread.sleep(20);
      status = document(space, collection, sourceId);
    }
    return status;
  }

  int port() {
    return server.port();
  }

  /** {@link Recovery#assertServes} within a second. */
  void assertServes() throws Exception {
    assertServesWithin(Duration.ofSeconds(1));
  }

  /** {@link Recovery#assertServes} within {@code within}. */
  void assertServesWithin(Duration within) throws Exception {
    Recovery.assertServes(client, base(), ADMIN, "alpha", within);
  }

  @Override
  public void close() {
    client.close();
    server.close();
    engine.close();
  }
}
