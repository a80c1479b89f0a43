package dev.confidant.server.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/confidant}: dispatches to the subcommands. */
@Command(
    name = "confidant",
    mixinStandardHelpOptions = true,
    version = "Confidant 0.1.0-SNAPSHOT",
    description = "Embeddable OpenAI-compatible chat completion engine with PII pseudonymization.",
    subcommands = {ChatCommand.class, ServeCommand.class, PiiDetectCommand.class, IngestCommand.class,
        SearchCommand.class})
public final class ConfidantCli {

  /** The environment variable naming the model directory of {@code chat} and development-mode {@code serve}. */
  static final String MODEL_DIR_ENV = "CONFIDANT_MODEL_DIR";

  /** The model directory from {@value #MODEL_DIR_ENV}, or {@code null} when it is unset or blank. */
  static @Nullable Path modelDir(Map<String, String> environment) {
    String dir = environment.get(MODEL_DIR_ENV);
    return dir == null || dir.isBlank() ? null : Path.of(dir.strip());
  }

  /**
   * Lucene announces at INFO, through java.util.logging, which vector implementation it uses: noise on a command
   * line. Held here because java.util.logging keeps loggers only weakly, and would forget the level.
   */
  private static final Logger LUCENE_VECTORIZATION = Logger.getLogger("org.apache.lucene.internal.vectorization");

  /** Runs the CLI and exits with its status; sets the logging defaults first ({@link CliLogging}). */
  public static void main(String[] args) {
    LUCENE_VECTORIZATION.setLevel(Level.WARNING);
    try {
      CliLogging.configure(System.getenv(), System.getProperties());
    } catch (IllegalArgumentException e) {
      System.err.println("confidant: " + e.getMessage());
      System.exit(2);
    }
    System.exit(run(args));
  }

  /** Runs the CLI on the standard streams and returns its exit status. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
  }

  /** Runs the CLI on the given writers and returns its exit status. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return new CommandLine(new ConfidantCli())
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(new CliErrors())
        .execute(args);
  }
}
