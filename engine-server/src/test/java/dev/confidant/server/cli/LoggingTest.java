package dev.confidant.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;

/** What the CLI's libraries log through, so that no run prints a logging library's complaint. */
class LoggingTest {

  @Test
  void apachePoiLogsThroughSlf4jInsteadOfComplainingThatLog4jHasNoProvider() {
    // Without a provider, Log4j's SimpleLoggerContextFactory answers and StatusLogger prints
    // "ERROR Log4j API could not find a logging provider" on the first ingest of every run.
    assertThat(LogManager.getFactory().getClass().getName())
        .isEqualTo("org.apache.logging.slf4j.SLF4JLoggerContextFactory");
  }
}
