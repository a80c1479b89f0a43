package dev.confidant.pii.internal.token;

/** Writes chars as UTF-8 into a byte array. Stateless and thread-safe. */
final class Utf8 {
  private Utf8() {}

  /**
   * Encodes {@code s} at {@code out[at]}; {@code out} must have room for three bytes per char.
   *
   * @return the index after the last byte written, or -1 if {@code s} holds a lone surrogate (UTF-8 cannot carry
   *     it, and a detokenizer must return values unchanged)
   */
  static int encode(String s, byte[] out, int at) {
    int p = at;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out[p++] = (byte) c;
      } else if (c < 0x800) {
        out[p++] = (byte) (0xC0 | c >> 6);
        out[p++] = (byte) (0x80 | c & 0x3F);
      } else if (!Character.isSurrogate(c)) {
        out[p++] = (byte) (0xE0 | c >> 12);
        out[p++] = (byte) (0x80 | c >> 6 & 0x3F);
        out[p++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out[p++] = (byte) (0xF0 | cp >> 18);
        out[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
        out[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
        out[p++] = (byte) (0x80 | cp & 0x3F);
      } else {
        return -1;
      }
    }
    return p;
  }
}
