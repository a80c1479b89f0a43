package dev.confidant.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.confidant.api.RawJson;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The one Jackson mapper of the codec and conversions between trees, text and {@link RawJson}. Thread-safe. */
final class JsonSupport {
  /** Configured once here and never changed afterwards, which makes it safe to share. */
  private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          // Data-URL images and files travel inside strings; Jackson's 20 MB default would reject real requests.
          // The HTTP layer bounds the body size, so the codec need not.
          .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          // {"model":"a","model":"b"} is an error (json_invalid at the second key), not the last value winning: a
          // proxy or filter that reads the first one would check another request than the engine runs.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // Written as bytes (writeBytes), an emoji is its 4 UTF-8 bytes as in the text form, not "\\uD83D\\uDE00".
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .build())
      // Python's json.loads rejects "{} x" ("Extra data"); so must we.
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

  private JsonSupport() {}

  /**
   * Parses JSON text.
   *
   * @return the tree, or {@code null} for text that holds no value (empty or only whitespace)
   * @throws MalformedJson if the text is not JSON
   */
  static JsonNode parse(String json) throws MalformedJson {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        // Jackson accepts blank input; json.loads fails with "Expecting value" at the end of the text.
        throw new MalformedJson("Expecting value", json.length());
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      long offset = where == null ? 0 : Math.max(0, where.getCharOffset());
      throw new MalformedJson(e.getOriginalMessage(), (int) Math.min(offset, json.length()));
    }
  }

  /**
   * Decodes UTF-8 strictly (a leading byte-order mark is skipped, as Python's {@code json.loads} does).
   *
   * @throws MalformedJson at the character position of the first invalid byte sequence
   */
  static String decode(byte[] utf8) throws MalformedJson {
    int start = utf8.length >= 3 && (utf8[0] & 0xff) == 0xef && (utf8[1] & 0xff) == 0xbb && (utf8[2] & 0xff) == 0xbf
        ? 3 : 0;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(utf8, start, utf8.length - start);
    CharBuffer out = CharBuffer.allocate(utf8.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new MalformedJson("invalid UTF-8", out.position());
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /** The tree as compact JSON text. */
  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialize a JSON tree", e); // only on a broken tree, never on input
    }
  }

  /** The tree as compact JSON in UTF-8, encoded once (no {@code String} in between). */
  static byte[] writeBytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialize a JSON tree", e); // only on a broken tree, never on input
    }
  }

  /** The tree as a {@link RawJson}. */
  static RawJson raw(JsonNode node) {
    return RawJson.of(write(node));
  }

  /**
   * The tree of a {@link RawJson}.
   *
   * @throws IllegalArgumentException if the text is not JSON
   */
  static JsonNode tree(RawJson raw, String what) {
    try {
      return parse(raw.json());
    } catch (MalformedJson e) {
      throw new IllegalArgumentException(what + " is not valid JSON (" + e.getMessage() + " at character "
          + e.position() + ")", e);
    }
  }

  /** JSON text that does not parse, with the character position where parsing failed. */
  static final class MalformedJson extends Exception {
    private static final long serialVersionUID = 1L;
    private final int position;

    MalformedJson(String message, int position) {
      super(message, null, false, false);
      this.position = position;
    }

    int position() {
      return position;
    }
  }
}
