package dev.confidant.jlama.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns generated token ids into reply text, one token at a time. Byte-fallback tokens carry single bytes of a
 * multi-byte character, so bytes that do not yet form a whole UTF-8 character are held until the rest arrives;
 * bytes that can never form one become U+FFFD, as Hugging Face's decoders do. Leading spaces that the tokenizer's
 * decoder strips are stripped from the start of the reply. Not thread-safe: one per generation.
 */
final class ReplyDecoder {
  private final TokenTexts texts;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private ByteBuffer pending = ByteBuffer.allocate(64);
  private int spacesToStrip;

  ReplyDecoder(TokenTexts texts) {
    this.texts = texts;
    this.spacesToStrip = texts.leadingSpacesToStrip();
  }

  /** The text that the token completes: possibly empty, never a broken character. */
  String accept(int tokenId) {
    byte[] bytes = texts.bytes(tokenId);
    if (pending.remaining() < bytes.length) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(2 * pending.capacity(), pending.position() + bytes.length));
      pending.flip();
      bigger.put(pending);
      pending = bigger;
    }
    pending.put(bytes);
    return decode(false);
  }

  /** The text still held at the end of generation (an unfinished character becomes U+FFFD). */
  String finish() {
    String text = decode(true);
    CharBuffer tail = CharBuffer.allocate(4);
    utf8.flush(tail);
    return strip(text + tail.flip());
  }

  private String decode(boolean endOfInput) {
    pending.flip();
    // UTF-8 never yields more chars than bytes (a replacement is one char per malformed byte).
    CharBuffer out = CharBuffer.allocate(pending.remaining() + 1);
    CoderResult result = utf8.decode(pending, out, endOfInput);
    if (result.isOverflow()) {
      throw new IllegalStateException("UTF-8 decoding overflowed its buffer");
    }
    pending.compact();
    return endOfInput ? out.flip().toString() : strip(out.flip().toString());
  }

  private String strip(String text) {
    int start = 0;
    while (spacesToStrip > 0 && start < text.length() && text.charAt(start) == ' ') {
      start++;
      spacesToStrip--;
    }
    if (start < text.length()) {
      spacesToStrip = 0; // only the very start of the reply is stripped
    }
    return text.substring(start);
  }
}
