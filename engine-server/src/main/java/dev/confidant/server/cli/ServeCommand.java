package dev.confidant.server.cli;

import dev.confidant.server.ConfidantServer;
import dev.confidant.server.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code confidant serve}: the platform's REST API over the engine. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
        "Serves the REST API (POST /api-proxy/v1/chat/completions and friends) until stopped.",
        "Without --config: local development mode on 127.0.0.1 with one model (the embedded tiny model, whose"
            + " context holds 4,096 tokens, or the one in --model-dir), one space 'default' whose admin is the"
            + " caller, and the bearer token from $CONFIDANT_TOKEN (or a generated one, printed once).",
        "With a storage-dir, PII mappings are encrypted with $CONFIDANT_VAULT_KEY (32 random bytes, base64; retired"
            + " keys in $CONFIDANT_VAULT_RETIRED_KEYS), else with a key generated into STORAGE-DIR/vault.key."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", description = "Port to listen on (0 = any free port).")
  @Nullable Integer port;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on.")
  @Nullable String host;

  @Option(names = "--config", paramLabel = "FILE", description = "A YAML configuration (see engine-server/README.md).")
  @Nullable Path config;

  @Option(names = "--model-dir", paramLabel = "DIR",
      description = "Development mode only: serve the model in this directory (Hugging Face layout: config.json, "
          + "tokenizer.json, model.safetensors) under the directory's name. Default: $CONFIDANT_MODEL_DIR, else "
          + "the embedded tiny model. With --config, set models[].model-dir instead.")
  @Nullable Path modelDir;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (config != null && modelDir != null) {
      throw new ParameterException(spec.commandLine(), "--model-dir is for development mode (no --config); "
          + "with a configuration file, set models[].model-dir there");
    }
    Path devModel = null;
    if (config == null) {
      devModel = modelDir != null ? modelDir : ConfidantCli.modelDir(System.getenv());
      if (devModel != null && !Files.isRegularFile(devModel.resolve("config.json"))) {
        // The jlama backend loads its model on the first request: say it now, not then.
        throw new ParameterException(spec.commandLine(), "model directory '" + devModel + "'"
            + (modelDir == null ? " (from $" + ConfidantCli.MODEL_DIR_ENV + ")" : "") + " has no config.json; "
            + "give a model directory in Hugging Face layout (config.json, tokenizer.json, model.safetensors)");
      }
    }
    ServerConfig settings = config != null
        ? ServerConfig.load(config)
        : ServerConfig.development(ConfidantServer.developmentToken(System.getenv(), token -> {
          out.println("Development mode. Bearer token (shown once): " + token);
          out.flush();
        }), devModel);
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
      if (server.failure().isPresent()) {
        // Exit non-zero: a process that serves nothing must be restarted by its supervisor.
        System.err.println("confidant: " + server.failure().get());
        return 70; // EX_SOFTWARE
      }
    }
    return 0;
  }
}
