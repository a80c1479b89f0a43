package dev.confidant.server.abuse;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.core.ChatEngines;
import dev.confidant.server.ConfidantServer;
import dev.confidant.core.SpaceRole;
import dev.confidant.server.ServerConfig;
import dev.confidant.testkit.ScriptedModelBackend;
import java.time.Duration;
import java.util.List;

/**
 * A server process for abuse tests that need process-wide limits (a lowered file descriptor limit): an echo model,
 * token {@value #TOKEN} (admin of {@code default}), a 2 s header timeout. Prints {@code port=N} once listening; exits
 * when its standard input closes, or with 70 when the server fails.
 */
public final class FloodTarget {
  static final String TOKEN = "flood-token";

  private FloodTarget() {}

  public static void main(String[] args) throws Exception {
    ScriptedModelBackend echo = ScriptedModelBackend.echo();
    ChatCompletionEngine engine = ChatEngines.builder().discover(false).addBackend(echo).defaultBackend(echo.name())
        .build();
    ServerConfig config = ServerConfig.development(TOKEN)
        .withListen("127.0.0.1", 0)
        .withTokens(List.of(new ServerConfig.Token("admin", ServerConfig.sha256(TOKEN))))
        .withSpaces(List.of(new ServerConfig.Space("default", "Default",
            List.of(new ServerConfig.Member("admin", SpaceRole.ADMIN)))), "default")
        .withLimits(ServerConfig.Limits.DEFAULT.withConnections(new ServerConfig.Connections(0, 512,
            Duration.ofSeconds(2), Duration.ofSeconds(30))));
    ConfidantServer server = ConfidantServer.builder(config).engine(engine).start();
    System.out.println("port=" + server.port());
    System.out.flush();
    Thread.ofPlatform().daemon().start(() -> {
      try {
        while (System.in.read() >= 0) {
          // wait for the parent to close our input
        }
      } catch (java.io.IOException ignored) {
        // parent gone
      }
      server.close();
    });
    server.awaitShutdown();
    engine.close();
    System.exit(server.failure().isPresent() ? 70 : 0);
  }
}
