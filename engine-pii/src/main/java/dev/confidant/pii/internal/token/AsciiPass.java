package dev.confidant.pii.internal.token;

import dev.confidant.pii.internal.mapping.PlaceholderLookup;
import dev.confidant.pii.internal.mapping.Placeholders;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * {@link Detokenizer}'s pass over an ASCII text as bytes: finds the next {@code [}, {@code <} or {@code _} eight
 * bytes at a time (SWAR: one 64-bit load and a few arithmetic operations per eight chars), reads placeholders
 * from the bytes, copies the text between replacements with {@link System#arraycopy} and writes values as UTF-8,
 * then decodes the result once. Same decisions as {@link Detokenizer#restore}, in the same order: only the way the
 * text is read and written differs. Stateless and thread-safe.
 */
final class AsciiPass {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long SQUARES = ONES * '[';
  private static final long ANGLES = ONES * '<';
  private static final long UNDERSCORES = ONES * '_';

  /** What {@link #restore} returns when a value cannot go through UTF-8 unchanged (a lone surrogate). */
  static final String UNSUPPORTED = new String("unsupported");

  private AsciiPass() {}

  /**
   * Restores {@code text}, whose chars are {@code ascii} (every char below 128).
   *
   * @return the restored text, {@code null} if nothing was restored, or {@link #UNSUPPORTED}
   */
  static @Nullable String restore(byte[] ascii, PlaceholderLookup lookup) {
    int n = ascii.length;
    byte[] out = null;
    int size = 0;
    boolean outAscii = true;
    int copied = 0; // ascii[0, copied) is in out
    int scan = 0; // candidates before scan are decided
    while (true) {
      int at = next(ascii, scan, n);
      if (at >= n) {
        break;
      }
      byte c = ascii[at];
      int start;
      long parsed;
      if (c != '_') {
        // A bracketed candidate.
        parsed = Detokenizer.parse(ascii, at + 1, n, true);
        int end = parsed < 0 ? -1 : (int) parsed;
        if (end < 0 || end >= n || ascii[end] != ']' && ascii[end] != '>') {
          scan = at + 1;
          continue;
        }
        start = at;
        scan = end + 1; // a bracketed candidate's inside is not tried again, known or not
        parsed = (parsed & 0xFFFFFFFF00000000L) | (end + 1); // replace through the closer
      } else {
        // The only possible bare start is where the ASCII letter run ending before the '_' starts.
        start = at;
        int limit = Math.max(scan, at - Placeholders.MAX_TAG - 1);
        while (start > limit && Detokenizer.isAsciiLetter((char) ascii[start - 1])) {
          start--;
        }
        scan = at + 1;
        if (start == at || at - start > Placeholders.MAX_TAG
            || start > 0 && Detokenizer.isWordChar((char) ascii[start - 1])) {
          continue;
        }
        parsed = Detokenizer.parse(ascii, start, n, false);
        if (parsed < 0) {
          continue;
        }
      }
      int sep = (int) (parsed >>> 32);
      int replaceEnd = (int) parsed;
      int keyStart = c == '_' ? start : start + 1;
      int keyEnd = c == '_' ? replaceEnd : replaceEnd - 1;
      String value = lookup.value(ascii, keyStart, sep, keyEnd);
      if (value == null) {
        continue; // unknown: left in place, copied with the text around it
      }
      if (c == '_') {
        scan = replaceEnd;
      }
      int need = size + (start - copied) + 3 * value.length();
      if (out == null || need > out.length) {
        byte[] bigger = new byte[Math.max(need, out == null ? n + (n >> 2) + 16 : out.length * 2)];
        if (out != null) {
          System.arraycopy(out, 0, bigger, 0, size);
        }
        out = bigger;
      }
      System.arraycopy(ascii, copied, out, size, start - copied);
      size += start - copied;
      int written = Utf8.encode(value, out, size);
      if (written < 0) {
        return UNSUPPORTED;
      }
      outAscii &= written - size == value.length();
      size = written;
      copied = replaceEnd;
    }
    if (out == null) {
      return null;
    }
    int rest = n - copied;
    if (size + rest > out.length) {
      byte[] bigger = new byte[size + rest];
      System.arraycopy(out, 0, bigger, 0, size);
      out = bigger;
    }
    System.arraycopy(ascii, copied, out, size, rest);
    size += rest;
    // An all-ASCII result is its own Latin-1: decoded without looking for multi-byte sequences.
    return new String(out, 0, size, outAscii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  /** The index of the first {@code [}, {@code <} or {@code _} at or after {@code from}, or {@code n}. */
  static int next(byte[] ascii, int from, int n) {
    int i = from;
    for (; i + 8 <= n; i += 8) {
      long w = (long) LONGS.get(ascii, i);
      // A zero byte in w ^ pattern is a match. The lowest flagged byte is always a true one (a false flag only
      // ever sits above a true zero, where the subtraction borrowed), and that is the one taken.
      long m = zeroBytes(w ^ SQUARES) | zeroBytes(w ^ ANGLES) | zeroBytes(w ^ UNDERSCORES);
      if (m != 0) {
        return i + (Long.numberOfTrailingZeros(m) >>> 3);
      }
    }
    for (; i < n; i++) {
      byte b = ascii[i];
      if (b == '[' || b == '<' || b == '_') {
        return i;
      }
    }
    return n;
  }

  private static long zeroBytes(long x) {
    return (x - ONES) & ~x & HIGHS;
  }
}
