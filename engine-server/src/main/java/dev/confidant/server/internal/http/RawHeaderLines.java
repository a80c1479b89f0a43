package dev.confidant.server.internal.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The raw bytes of one connection's {@code X-...} header lines that hold non-ASCII bytes, copied from the bytes
 * the connection reads, so that such values can be decoded as UTF-8 ({@link Utf8Headers}). Helidon decodes header
 * bytes as US-ASCII and keeps no raw bytes: without this, {@code Jürgen} arrives as {@code J\uFFFD\uFFFDrgen}.
 *
 * <p>A line is kept when it starts with {@code x-} (any case), has a colon, holds a byte {@code >= 0x80} and ends
 * within {@value #MAX_LINE} bytes. Body bytes are scanned too (this class does not follow HTTP framing), but
 * cheaply: a line not starting with {@code x} is skipped up to its end without copying. A kept line is only ever
 * used for a header whose received value it reproduces exactly ({@link #take}).
 *
 * <p>Bounded: at most {@value #MAX_LINES} lines (the oldest is dropped) of at most {@value #MAX_LINE} bytes each,
 * per connection. Thread-safe (the connection's thread writes, its request handlers read).
 */
final class RawHeaderLines {
  /** Longest line kept: Helidon's default limit for all headers of a request. */
  static final int MAX_LINE = 16 * 1024;
  /** Lines kept per connection: a request rarely sends more than a few non-ASCII {@code X-} headers. */
  static final int MAX_LINES = 8;

  private enum State { LINE_START, COPY, SKIP }

  private final Deque<byte[]> lines = new ArrayDeque<>();
  private byte[] line = new byte[256];
  private int length;
  private boolean nonAscii;
  private State state = State.LINE_START;

  /** Scans bytes the connection read, in order. */
  synchronized void scan(byte[] bytes, int offset, int count) {
    for (int i = offset; i < offset + count; i++) {
      byte b = bytes[i];
      switch (state) {
        case LINE_START -> {
          if (b == 'x' || b == 'X') {
            state = State.COPY;
            length = 0;
            nonAscii = false;
            append(b);
          } else if (b != '\n') {
            state = State.SKIP;
          }
        }
        case COPY -> {
          if (b == '\n') {
            keep();
            state = State.LINE_START;
          } else if (length == MAX_LINE) {
            state = State.SKIP;
          } else {
            nonAscii |= b < 0;
            append(b);
          }
        }
        case SKIP -> {
          if (b == '\n') {
            state = State.LINE_START;
          }
        }
      }
    }
  }

  /**
   * The value of header {@code name} decoded as UTF-8, taken from the first kept line of that header whose value,
   * decoded as Helidon decodes it (US-ASCII, U+FFFD for every other byte), equals {@code received}; the line is
   * removed. Empty when no line matches or the bytes are not UTF-8.
   */
  synchronized @Nullable String take(String name, String received) {
    for (Iterator<byte[]> it = lines.iterator(); it.hasNext(); ) {
      byte[] raw = it.next();
      int colon = indexOf(raw, raw.length, (byte) ':');
      if (!new String(raw, 0, colon, StandardCharsets.US_ASCII).strip().toLowerCase(Locale.ROOT).equals(name)) {
        continue;
      }
      byte[] value = Arrays.copyOfRange(raw, colon + 1, raw.length);
      if (!new String(value, StandardCharsets.US_ASCII).strip().equals(received.strip())) {
        continue;
      }
      it.remove();
      try {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(value))
            .toString()
            .strip();
      } catch (CharacterCodingException notUtf8) {
        return null;
      }
    }
    return null;
  }

  private void append(byte b) {
    if (length == line.length) {
      line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
    }
    line[length++] = b;
  }

  private void keep() {
    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    if (nonAscii && indexOf(line, end, (byte) ':') > 0) {
      if (lines.size() == MAX_LINES) {
        lines.removeFirst();
      }
      lines.addLast(Arrays.copyOf(line, end));
    }
    if (line.length > 1024) {
      line = new byte[256]; // do not hold a large buffer for the connection's lifetime
    }
  }

  private static int indexOf(byte[] bytes, int limit, byte b) {
    for (int i = 0; i < limit; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
