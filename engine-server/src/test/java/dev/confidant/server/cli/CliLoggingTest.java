package dev.confidant.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CliLoggingTest {
  @Test
  void theCliLogsWarningsAndAboveByDefaultButNotJlamasMissingNativeLibrary() {
    Properties system = new Properties();

    CliLogging.configure(Map.of(), system);

    assertThat(system).containsOnly(Map.entry(CliLogging.DEFAULT_LEVEL, "warn"),
        Map.entry(CliLogging.JLAMA_NATIVE, "error"));
  }

  @Test
  void theEnvironmentVariableChangesTheLevel() {
    Properties system = new Properties();

    CliLogging.configure(Map.of(CliLogging.LEVEL_ENV, " Debug "), system);

    assertThat(system).containsOnly(Map.entry(CliLogging.DEFAULT_LEVEL, "debug"));
  }

  @Test
  void aSystemPropertyWinsOverTheEnvironment() {
    Properties system = new Properties();
    system.setProperty(CliLogging.DEFAULT_LEVEL, "trace");

    CliLogging.configure(Map.of(CliLogging.LEVEL_ENV, "error"), system);

    assertThat(system.getProperty(CliLogging.DEFAULT_LEVEL)).isEqualTo("trace");
  }

  @Test
  void anUnknownLevelIsAClearError() {
    assertThatThrownBy(() -> CliLogging.configure(Map.of(CliLogging.LEVEL_ENV, "verbose"), new Properties()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CONFIDANT_LOG_LEVEL must be one of [trace, debug, info, warn, error, off], was 'verbose'");
  }
}
