package dev.confidant.server.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The CLI's logging defaults. Engine and library logs go through SLF4J to slf4j-simple (on the CLI's class path
 * only), which writes them to standard error; by default only {@code WARN} and above, so that {@code chat} prints
 * its answer and nothing else; Jlama's warning that its native operations are missing (the pure-Java vector code
 * runs instead, and the CLI cannot add them) shows only from {@code info} on. {@value #LEVEL_ENV} ({@code trace},
 * {@code debug}, {@code info}, {@code warn}, {@code error} or {@code off}) changes that level; the system property {@value #DEFAULT_LEVEL} (through
 * {@code CONFIDANT_JAVA_OPTS}) wins over both, and the other {@code org.slf4j.simpleLogger.*} properties set
 * levels per logger. Applied in {@link ConfidantCli#main} before the first logger exists, because slf4j-simple
 * reads its settings once.
 */
final class CliLogging {
  /** The environment variable that sets the level of the CLI's SLF4J logs. */
  static final String LEVEL_ENV = "CONFIDANT_LOG_LEVEL";

  /** slf4j-simple's property for the level of every logger without a level of its own. */
  static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  /** Jlama's logger that warns on every run that its optional native library is absent. */
  static final String JLAMA_NATIVE =
      "org.slf4j.simpleLogger.log.com.github.tjake.jlama.tensor.operations.TensorOperationsProvider";

  private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

  private CliLogging() {}

  /**
   * Sets {@value #DEFAULT_LEVEL} in {@code system} from the environment, unless it is set already: the level
   * {@value #LEVEL_ENV} names, or {@code warn} with Jlama's native-library warning left out.
   *
   * @throws IllegalArgumentException if {@value #LEVEL_ENV} names no level; the message lists the levels
   */
  static void configure(Map<String, String> environment, Properties system) {
    if (system.getProperty(DEFAULT_LEVEL) != null) {
      return;
    }
    String value = environment.getOrDefault(LEVEL_ENV, "");
    String level = value.strip().toLowerCase(Locale.ROOT);
    if (!level.isEmpty() && !LEVELS.contains(level)) {
      throw new IllegalArgumentException(LEVEL_ENV + " must be one of " + LEVELS + ", was '" + value + "'");
    }
    if (level.isEmpty()) {
      system.setProperty(DEFAULT_LEVEL, "warn");
      system.putIfAbsent(JLAMA_NATIVE, "error");
    } else {
      system.setProperty(DEFAULT_LEVEL, level);
    }
  }
}
