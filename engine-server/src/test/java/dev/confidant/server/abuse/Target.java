package dev.confidant.server.abuse;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.core.ChatEngines;
import dev.confidant.server.ConfidantServer;
import dev.confidant.server.Role;
import dev.confidant.server.ServerConfig;
import dev.confidant.testkit.ScriptedModelBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An in-process server for abuse tests: an echo model, spaces {@code alpha} and {@code beta}; {@link #ADMIN} is admin
 * of both, {@link #EDITOR_A} editor of alpha, {@link #EDITOR_B} editor of beta.
 */
final class Target implements AutoCloseable {
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
            new ServerConfig.Space("alpha", "Alpha", List.of(new ServerConfig.Member("root", Role.ADMIN),
                new ServerConfig.Member("ann", Role.EDITOR))),
            new ServerConfig.Space("beta", "Beta", List.of(new ServerConfig.Member("root", Role.ADMIN),
                new ServerConfig.Member("ben", Role.EDITOR)))), "alpha");
  }

  URI base() {
    return server.uri();
  }

  int port() {
    return server.port();
  }

  /** {@link Recovery#assertServes} within a second. */
  void assertServes() throws Exception {
    Recovery.assertServes(client, base(), ADMIN, "alpha", Duration.ofSeconds(1));
  }

  @Override
  public void close() {
    client.close();
    server.close();
    engine.close();
  }
}
