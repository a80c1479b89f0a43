package dev.confidant.server;

import dev.confidant.api.ChatCompletionEngine;
import java.nio.file.Path;

/** The code samples of this package's javadoc ({@code {@snippet class=... region=...}}); compiled with the tests. */
final class ServerSnippets {
  private ServerSnippets() {}

  static void serve() throws InterruptedException {
    // @start region="serve"
    ServerConfig config = ServerConfig.load(Path.of("confidant.yaml"));
    try (ConfidantServer server = ConfidantServer.start(config)) {
      System.out.println("listening on " + server.uri());
      server.awaitShutdown();
    }
    // @end
  }

  static int embedded(ChatCompletionEngine engine) {
    // @start region="embedded"
    try (ConfidantServer server = ConfidantServer.builder(ServerConfig.development("secret").withPort(0))
        .engine(engine)
        .start()) {
      int port = server.port();
      // @end
      return port;
    }
  }
}
