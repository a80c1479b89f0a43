package dev.confidant.server.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress bar of {@code ingest} on stderr: one line redrawn in place ({@code \r}) with a bar, documents done
 * of the total, chunks indexed and documents per second, for example
 * {@code [#########...............] 120/500 files  3,402 chunks  12.3 docs/s}. Drawn only when stderr is a
 * terminal ({@link #stderrIsTerminal()}): redirected to a file or a pipe it stays quiet, because a log full of
 * carriage returns helps nobody. Redrawn at most every {@value #REDRAW_MILLIS} ms, and always for the last
 * document. Not thread-safe: one thread (ingestion's) reports documents, then another may {@link #finish} it after
 * the job's completion.
 */
final class ProgressBar {
  /** Set by {@code bin/confidant} to whether stderr is a terminal ({@code [ -t 2 ]}, i.e. isatty(2)). */
  static final String TTY_PROPERTY = "confidant.stderr.tty";
  static final long REDRAW_MILLIS = 100;
  private static final int WIDTH = 24;

  private final PrintWriter err;
  private final boolean enabled;
  private final LongSupplier nanoClock;
  private final long started;
  private long lastDrawn;
  private long chunks;
  private int lastLength;
  private boolean drawn;

  /**
   * @param enabled whether to draw at all (stderr is a terminal)
   * @param nanoClock the time source, {@code System::nanoTime} outside tests
   */
  ProgressBar(PrintWriter err, boolean enabled, LongSupplier nanoClock) {
    this.err = requireNonNull(err, "err");
    this.enabled = enabled;
    this.nanoClock = nanoClock;
    this.started = nanoClock.getAsLong();
  }

  /**
   * Whether stderr is a terminal, as {@code bin/confidant} found out before starting the JVM. Java cannot tell by
   * itself: {@code System.console()} looks at stdin and stdout only, and since JDK 22 it is not null even when they
   * are redirected. Without the launcher's answer (a plain {@code java} command line, tests), the bar stays off.
   */
  static boolean stderrIsTerminal() {
    return Boolean.parseBoolean(System.getProperty(TTY_PROPERTY, "false"));
  }

  /** Reports a finished document (indexed or failed) with the chunks it added. */
  void document(int done, int total, int documentChunks) {
    chunks += documentChunks;
    if (!enabled) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (drawn && done < total && now - lastDrawn < REDRAW_MILLIS * 1_000_000) {
      return;
    }
    double seconds = Math.max(1e-9, (now - started) / 1e9);
    String line = render(done, total, chunks, done / seconds);
    // Pads over the previous line's tail: "12.3 docs/s" may become "9.8 docs/s".
    err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    err.flush();
    lastLength = line.length();
    lastDrawn = now;
    drawn = true;
  }

  /** Ends the bar's line, if one was drawn, so that what follows starts on a line of its own. */
  void finish() {
    if (drawn) {
      err.println();
      err.flush();
      drawn = false;
    }
  }

  /** The bar's text for these figures. */
  static String render(int done, int total, long chunks, double docsPerSecond) {
    int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
    return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
        + String.format(Locale.ROOT, "%,d/%,d files  %,d chunks  %.1f docs/s", done, total, chunks, docsPerSecond);
  }
}
