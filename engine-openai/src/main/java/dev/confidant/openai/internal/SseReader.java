package dev.confidant.openai.internal;

import dev.confidant.core.remote.StreamProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code data} of server-sent events (the WHATWG event-stream format): lines end in LF, CRLF or CR; a
 * blank line ends an event; several {@code data:} lines of one event are joined with LF; comments ({@code :…})
 * and the {@code event}, {@code id} and {@code retry} fields are skipped. A line or event longer than the bound
 * is a {@link StreamProtocolException}, so a server (possibly one the caller chose) cannot make the reader buffer
 * without limit. Not thread-safe: one reader per stream.
 */
final class SseReader {
  private final InputStream in;
  private final int maxEventChars;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[8192];
  private int position;
  private int limit;
  private boolean afterCr;
  private byte[] line = new byte[64];
  private int lineLength;

  /**
   * @param in the response body; closing it (from any thread) makes a blocked read fail
   * @param maxEventChars the longest event data accepted
   */
  SseReader(InputStream in, int maxEventChars) {
    this.in = in;
    this.maxEventChars = maxEventChars;
    this.maxLineBytes = maxEventChars * 4 + 8; // UTF-8 takes at most four bytes a character; "data: " and more
  }

  /**
   * The data of the next event that has any.
   *
   * @return the data, or {@code null} when the body ends (an event without its blank line is dropped, as the
   *     format says)
   * @throws StreamProtocolException if a line or an event is longer than the bound
   * @throws IOException if reading fails
   */
  @Nullable String nextData() throws IOException {
    StringBuilder data = null;
    while (true) {
      String text = readLine();
      if (text == null) {
        return null;
      }
      if (text.isEmpty()) {
        if (data != null) {
          return data.toString();
        }
        continue;
      }
      int colon = text.indexOf(':');
      if (colon == 0) {
        continue; // a comment, e.g. a keep-alive
      }
      String field = colon < 0 ? text : text.substring(0, colon);
      if (!field.equals("data")) {
        continue; // event, id, retry: nothing the Chat Completions protocol uses
      }
      String value = colon < 0 ? "" : text.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1); // one space after the colon belongs to the syntax
      }
      if (data == null) {
        data = new StringBuilder(value);
      } else {
        data.append('\n').append(value);
      }
      if (data.length() > maxEventChars) {
        throw tooLong();
      }
    }
  }

  private @Nullable String readLine() throws IOException {
    lineLength = 0;
    while (true) {
      if (position == limit) {
        int read = in.read(buffer);
        if (read < 0) {
          return lineLength > 0 ? decodeLine() : null;
        }
        position = 0;
        limit = read;
      }
      byte b = buffer[position++];
      if (afterCr) {
        afterCr = false;
        if (b == '\n') {
          continue; // the LF of a CRLF
        }
      }
      if (b == '\n') {
        return decodeLine();
      }
      if (b == '\r') {
        afterCr = true;
        return decodeLine();
      }
      if (lineLength >= maxLineBytes) {
        throw tooLong();
      }
      if (lineLength == line.length) {
        line = Arrays.copyOf(line, Math.min(lineLength * 2, maxLineBytes));
      }
      line[lineLength++] = b;
    }
  }

  private String decodeLine() {
    return new String(line, 0, lineLength, StandardCharsets.UTF_8);
  }

  private StreamProtocolException tooLong() {
    return new StreamProtocolException("an event of the model's stream is longer than " + maxEventChars
        + " characters");
  }
}
