package dev.confidant.server.cli;

import dev.confidant.server.ConfidantServer;
import dev.confidant.server.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code confidant serve}: the platform's REST API over the engine. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
        "Serves the REST API (POST /api-proxy/v1/chat/completions and friends) until stopped.",
        "Without --config: local development mode on 127.0.0.1 with the embedded tiny model, one space 'default'"
            + " whose admin is the caller, and the bearer token from $CONFIDANT_TOKEN (or a generated one,"
            + " printed once)."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", description = "Port to listen on (0 = any free port).")
  @Nullable Integer port;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on.")
  @Nullable String host;

  @Option(names = "--config", paramLabel = "FILE", description = "A YAML configuration (see engine-server/README.md).")
  @Nullable Path config;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    ServerConfig settings = config != null
        ? ServerConfig.load(config)
        : ServerConfig.development(ConfidantServer.developmentToken(System.getenv(), token -> {
          out.println("Development mode. Bearer token (shown once): " + token);
          out.flush();
        }));
    if (port != null || host != null) {
      ServerConfig current = settings;
      settings = host != null
          ? settings.withListen(host, port != null ? port : current.listen().port())
          : settings.withPort(port);
    }
    try (ConfidantServer server = ConfidantServer.start(settings)) {
      out.println("Confidant listening on " + server.uri());
      out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "confidant-shutdown"));
      server.awaitShutdown();
    }
    return 0;
  }
}
