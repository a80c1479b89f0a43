package dev.confidant.server;

import dev.confidant.core.SpaceRole;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.RequestContext;
import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.ModelBackendProvider;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.PipelineStageProvider;
import dev.confidant.core.ChatEngines;
import dev.confidant.testkit.ScriptedModelBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real server on an ephemeral loopback port over a scripted backend, with an HTTP client. Tokens: {@link #ADMIN}
 * (admin of {@code default}), {@link #VIEWER} (viewer of {@code default}), {@link #OUTSIDER} (no space).
 */
final class Harness implements AutoCloseable {
  static final String ADMIN = "admin-token";
  static final String VIEWER = "viewer-token";
  static final String OUTSIDER = "outsider-token";

  final ScriptedModelBackend backend;
  final ChatCompletionEngine engine;
  final ConfidantServer server;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** The contexts that reached the pipeline, as a stage saw them. */
  final List<RequestContext> contexts = new CopyOnWriteArrayList<>();

  Harness(ScriptedModelBackend backend) {
    this(backend, config());
  }

  Harness(ScriptedModelBackend backend, ServerConfig config) {
    this.backend = backend;
    this.engine = ChatEngines.builder()
        .discover(false)
        .addBackend(provider(backend))
        .addStage(new Recorder(contexts))
        .build();
    this.server = ConfidantServer.builder(config).engine(engine).start();
  }

  /** A server over an engine built by the test (closed with the harness); {@link #contexts} stays empty. */
  Harness(ScriptedModelBackend backend, ChatCompletionEngine engine, ServerConfig config) {
    this(backend, engine, ConfidantServer.builder(config));
  }

  /** A server from a builder, over an engine built by the test (closed with the harness). */
  Harness(ScriptedModelBackend backend, ChatCompletionEngine engine, ConfidantServer.Builder server) {
    this.backend = backend;
    this.engine = engine;
    this.server = server.engine(engine).start();
  }

  static ServerConfig config() {
    return ServerConfig.development(ADMIN)
        .withListen("127.0.0.1", 0)
        .withTokens(List.of(
            new ServerConfig.Token(ServerConfig.LOCAL_PRINCIPAL, ServerConfig.sha256(ADMIN)),
            new ServerConfig.Token("vera", ServerConfig.sha256(VIEWER)),
            new ServerConfig.Token("otto", ServerConfig.sha256(OUTSIDER))))
        .withSpaces(List.of(
            new ServerConfig.Space("default", "Default", List.of(
                new ServerConfig.Member(ServerConfig.LOCAL_PRINCIPAL, SpaceRole.ADMIN),
                new ServerConfig.Member("vera", SpaceRole.VIEWER))),
            new ServerConfig.Space("other", "Other", List.of(
                new ServerConfig.Member(ServerConfig.LOCAL_PRINCIPAL, SpaceRole.ADMIN)))), "default");
  }

  static ModelBackendProvider provider(ScriptedModelBackend backend) {
    return new ModelBackendProvider() {
      @Override
      public String name() {
        return backend.name();
      }

      @Override
      public ModelBackend create(EngineContext context) {
        return backend;
      }
    };
  }

  URI uri(String path) {
    return server.uri().resolve(path);
  }

  HttpRequest.Builder post(String path, String token, String body) {
    return HttpRequest.newBuilder(uri(path))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  HttpRequest.Builder get(String path, String token) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + token).GET();
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A multipart upload of one text file, as the field {@code files}. */
  HttpRequest.Builder multipart(String path, String token, String fileName, String content) {
    String boundary = "----confidant-test-boundary";
    String body = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"files\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: text/plain\r\n\r\n"
        + content + "\r\n"
        + "--" + boundary + "--\r\n";
    return HttpRequest.newBuilder(uri(path))
        .timeout(Duration.ofSeconds(120))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Uploads a file through {@code POST /v1/files/} into a space and returns its source id. */
  String uploadFile(String space, String fileName, String content) {
    HttpResponse<String> res = send(multipart("/v1/files/", ADMIN, fileName, content).header("X-Space-Id", space));
    if (res.statusCode() != 200) {
      throw new AssertionError("upload failed: " + res.body());
    }
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(res.body()).path("source_ids").get(0)
          .asText();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Creates a collection with this id in a space, as its admin. */
  void createCollection(String space, String id) {
    HttpResponse<String> res = send(post("/v1/spaces/" + space + "/collections", ADMIN,
        "{\"name\":\"" + id + "\",\"collection_id\":\"" + id + "\"}"));
    if (res.statusCode() != 201) {
      throw new AssertionError("creating collection " + id + " failed: " + res.body());
    }
  }

  HttpResponse<String> chat(String token, String body) {
    return send(post("/api-proxy/v1/chat/completions", token, body));
  }

  /**
   * An error body as the seed's clients read it: without OpenAI's {@code error} object, which every error body adds
   * beside {@code detail}.
   */
  static String seedBody(HttpResponse<String> res) {
    try {
      com.fasterxml.jackson.databind.node.ObjectNode body =
          (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(res.body());
      body.remove("error");
      return body.toString();
    } catch (IOException | ClassCastException e) {
      throw new AssertionError("not a JSON object: " + res.body(), e);
    }
  }

  static String userMessage(String text) {
    return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
  }

  @Override
  public void close() {
    client.close();
    server.close();
    engine.close();
  }

  /** Records each request's context; the AUTHORIZE phase is where a real access-control stage would look. */
  private record Recorder(List<RequestContext> seen) implements PipelineStageProvider {
    @Override
    public String name() {
      return "recorder";
    }

    @Override
    public Phase phase() {
      return Phase.AUTHORIZE;
    }

    @Override
    public PipelineStage create(EngineContext context) {
      return chain -> {
        seen.add(chain.context().request());
        return chain.proceed(chain.request());
      };
    }
  }
}
