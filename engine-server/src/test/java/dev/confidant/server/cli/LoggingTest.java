package dev.confidant.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.ServiceLoader;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.slf4j.spi.SLF4JServiceProvider;

/** What the CLI's libraries log through, so that no run prints a logging library's complaint. */
class LoggingTest {

  @Test
  void apachePoiLogsThroughSlf4jInsteadOfComplainingThatLog4jHasNoProvider() {
    // Without a provider, Log4j's SimpleLoggerContextFactory answers and StatusLogger prints
    // "ERROR Log4j API could not find a logging provider" on the first ingest of every run.
    assertThat(LogManager.getFactory().getClass().getName())
        .isEqualTo("org.apache.logging.slf4j.SLF4JLoggerContextFactory");
  }

  /** One provider, so SLF4J neither warns "no providers" (and drops every log) nor picks one of several. */
  @Test
  void engineLogsGoToExactlyOneSlf4jProviderSlf4jSimple() {
    List<String> providers = ServiceLoader.load(SLF4JServiceProvider.class).stream()
        .map(p -> p.type().getName()).toList();

    assertThat(providers).containsExactly("org.slf4j.simple.SimpleServiceProvider");
  }
}
