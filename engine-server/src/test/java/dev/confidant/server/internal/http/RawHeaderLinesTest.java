package dev.confidant.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawHeaderLinesTest {
  private static final String LINE = "X-Pii-Mapping: {\"[NAME_1]\":\"Jürgen Müller\"}\r\n";

  private static String asHelidonReadsIt(String value) {
    return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.US_ASCII);
  }

  @Test
  void keepsNonAsciiXHeaderLinesSplitAcrossReads() {
    RawHeaderLines lines = new RawHeaderLines();
    byte[] bytes = ("GET / HTTP/1.1\r\nHost: h\r\n" + LINE + "X-Model: m\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += 3) {
      lines.scan(bytes, i, Math.min(3, bytes.length - i));
    }
    String value = "{\"[NAME_1]\":\"Jürgen Müller\"}";

    assertThat(lines.take("x-model", "m")).isNull(); // ASCII lines are not kept
    assertThat(lines.take("x-pii-mapping", asHelidonReadsIt(value))).isEqualTo(value);
    assertThat(lines.take("x-pii-mapping", asHelidonReadsIt(value))).isNull(); // taken once
  }

  @Test
  void takesOnlyALineThatReproducesTheReceivedValue() {
    RawHeaderLines lines = new RawHeaderLines();
    byte[] bytes = LINE.getBytes(StandardCharsets.UTF_8);
    lines.scan(bytes, 0, bytes.length);

    assertThat(lines.take("x-pii-mapping", asHelidonReadsIt("{\"[NAME_1]\":\"Jürgen Müllers\"}"))).isNull();
    assertThat(lines.take("x-other", asHelidonReadsIt("{\"[NAME_1]\":\"Jürgen Müller\"}"))).isNull();
  }

  @Test
  void isBoundedInLinesAndLineLength() {
    RawHeaderLines lines = new RawHeaderLines();
    for (int i = 0; i < RawHeaderLines.MAX_LINES + 3; i++) {
      byte[] bytes = ("X-Note: Grüße " + i + "\r\n").getBytes(StandardCharsets.UTF_8);
      lines.scan(bytes, 0, bytes.length);
    }
    byte[] huge = ("X-Huge: ü" + "a".repeat(RawHeaderLines.MAX_LINE) + "\r\n").getBytes(StandardCharsets.UTF_8);
    lines.scan(huge, 0, huge.length);

    assertThat(lines.take("x-note", asHelidonReadsIt("Grüße 0"))).isNull(); // the oldest were dropped
    assertThat(lines.take("x-note", asHelidonReadsIt("Grüße " + (RawHeaderLines.MAX_LINES + 2))))
        .isEqualTo("Grüße " + (RawHeaderLines.MAX_LINES + 2));
    assertThat(lines.take("x-huge", asHelidonReadsIt("ü" + "a".repeat(RawHeaderLines.MAX_LINE)))).isNull();
  }
}
