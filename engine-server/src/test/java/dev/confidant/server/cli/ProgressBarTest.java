package dev.confidant.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private final StringWriter err = new StringWriter();
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private ProgressBar bar(boolean terminal) {
    return new ProgressBar(new PrintWriter(err, true), terminal, nanos::get);
  }

  @Test
  void rendersFilesChunksAndRate() {
    assertThat(ProgressBar.render(120, 480, 3402, 12.34))
        .isEqualTo("[######..................] 120/480 files  3,402 chunks  12.3 docs/s");
    assertThat(ProgressBar.render(5, 5, 9, 2)).startsWith("[########################] 5/5 files");
  }

  @Test
  void drawsInPlaceOnATerminalAtMostEveryHundredMillisecondsAndAlwaysTheLastDocument() {
    ProgressBar bar = bar(true);
    nanos.addAndGet(1_000_000_000L);
    bar.document(1, 3, 4);
    nanos.addAndGet(50_000_000L);
    bar.document(2, 3, 6); // within 100 ms of the last drawing: skipped
    nanos.addAndGet(10_000_000L);
    bar.document(3, 3, 1); // the last document: drawn
    bar.finish();

    assertThat(err.toString()).isEqualTo(
        "\r[########................] 1/3 files  4 chunks  1.0 docs/s"
            + "\r[########################] 3/3 files  11 chunks  2.8 docs/s" + System.lineSeparator());
  }

  @Test
  void staysQuietWhenStderrIsNoTerminal() {
    ProgressBar bar = bar(false);
    bar.document(1, 2, 3);
    bar.document(2, 2, 3);
    bar.finish();

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void withoutTheLaunchersAnswerStderrCountsAsNoTerminal() {
    String before = System.getProperty(ProgressBar.TTY_PROPERTY);
    try {
      System.clearProperty(ProgressBar.TTY_PROPERTY);
      assertThat(ProgressBar.stderrIsTerminal()).isFalse();
      System.setProperty(ProgressBar.TTY_PROPERTY, "true");
      assertThat(ProgressBar.stderrIsTerminal()).isTrue();
    } finally {
      if (before == null) {
        System.clearProperty(ProgressBar.TTY_PROPERTY);
      } else {
        System.setProperty(ProgressBar.TTY_PROPERTY, before);
      }
    }
  }
}
