package dev.confidant.jlama.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The bytes each token id stands for, read from a Hugging Face {@code tokenizer.json}. Jlama's own
 * {@code Tokenizer.decode(long)} is not used: it shares one byte buffer between all callers and cuts multi-byte
 * characters apart, while this table is immutable and leaves UTF-8 assembly to {@link ReplyDecoder}.
 *
 * <p>Understands the three decoders in use: SentencePiece ({@code ▁} for a space, {@code <0xHH>} byte fallback),
 * GPT-2 byte-level ({@code Ġ} and friends mapped back to bytes), and plain pieces. Special added tokens decode to
 * nothing. Immutable and thread-safe.
 */
final class TokenTexts {
  private static final Pattern BYTE_TOKEN = Pattern.compile("<0x([0-9A-Fa-f]{2})>");
  private static final byte[] NONE = new byte[0];

  private final byte[][] bytes;
  private final boolean[] special;
  private final Map<String, Integer> ids;
  private final int leadingSpacesToStrip;

  private TokenTexts(byte[][] bytes, boolean[] special, Map<String, Integer> ids, int leadingSpacesToStrip) {
    this.bytes = bytes;
    this.special = special;
    this.ids = ids;
    this.leadingSpacesToStrip = leadingSpacesToStrip;
  }

  /** Reads {@code tokenizer.json}; ids up to {@code vocabSize} (the model's, which may be padded) are covered. */
  static TokenTexts read(Path tokenizerJson, int vocabSize, ObjectMapper json) throws IOException {
    return of(json.readTree(tokenizerJson.toFile()), vocabSize);
  }

  /** The table of a parsed {@code tokenizer.json}. */
  static TokenTexts of(JsonNode root, int vocabSize) {
    JsonNode model = root.path("model");
    Map<String, Integer> ids = new HashMap<>();
    model.path("vocab").properties().forEach(e -> ids.put(e.getKey(), e.getValue().asInt()));
    Map<Integer, JsonNode> added = new HashMap<>();
    for (JsonNode t : root.path("added_tokens")) {
      added.put(t.path("id").asInt(), t);
      ids.put(t.path("content").asText(), t.path("id").asInt());
    }
    int size = Math.max(vocabSize, ids.values().stream().mapToInt(i -> i + 1).max().orElse(0));
    String[] pieces = new String[size];
    ids.forEach((piece, id) -> pieces[id] = piece);

    List<JsonNode> decoders = flatten(root.path("decoder"));
    boolean byteLevel = decoders.stream().anyMatch(d -> d.path("type").asText().equals("ByteLevel"));
    boolean metaspace = decoders.stream().anyMatch(d -> d.path("type").asText().equals("Metaspace")
        || d.path("type").asText().equals("Replace") && d.path("pattern").path("String").asText().equals("\u2581"));
    boolean byteFallback = model.path("byte_fallback").asBoolean(false);
    int[] gpt2Bytes = byteLevel ? gpt2UnicodeToBytes() : new int[0];

    byte[][] bytes = new byte[size][];
    boolean[] special = new boolean[size];
    for (int id = 0; id < size; id++) {
      JsonNode addedToken = added.get(id);
      String piece = pieces[id];
      if (addedToken != null && addedToken.path("special").asBoolean(false)) {
        special[id] = true;
        bytes[id] = NONE;
      } else if (addedToken != null) {
        bytes[id] = addedToken.path("content").asText().getBytes(StandardCharsets.UTF_8);
      } else if (piece == null) {
        bytes[id] = NONE; // padding beyond the tokenizer's vocabulary
      } else {
        bytes[id] = pieceBytes(piece, byteFallback, byteLevel ? gpt2Bytes : null, metaspace);
      }
    }
    return new TokenTexts(bytes, special, Map.copyOf(ids), leadingSpacesToStrip(decoders));
  }

  /** The bytes of a token; empty for special tokens and unknown ids. */
  byte[] bytes(int id) {
    return id >= 0 && id < bytes.length ? bytes[id] : NONE;
  }

  /** Whether the id is a special token (it has no text). */
  boolean isSpecial(int id) {
    return id >= 0 && id < special.length && special[id];
  }

  /** The id of a token by its piece or added-token content. */
  OptionalInt id(String piece) {
    Integer id = ids.get(piece);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  /**
   * How many leading spaces the tokenizer's decoder strips from a decoded text (its {@code Strip} step, or the
   * prefix space of a {@code Metaspace} decoder): a reply decoded on its own loses them too.
   */
  int leadingSpacesToStrip() {
    return leadingSpacesToStrip;
  }

  private static byte[] pieceBytes(String piece, boolean byteFallback, int @Nullable [] gpt2Bytes, boolean metaspace) {
    Matcher m = BYTE_TOKEN.matcher(piece);
    if (byteFallback && m.matches()) {
      return new byte[] {(byte) Integer.parseInt(m.group(1), 16)};
    }
    if (gpt2Bytes != null) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      piece.codePoints().forEach(cp -> {
        if (cp < gpt2Bytes.length && gpt2Bytes[cp] >= 0) {
          out.write(gpt2Bytes[cp]);
        } else {
          out.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
        }
      });
      return out.toByteArray();
    }
    return (metaspace ? piece.replace('\u2581', ' ') : piece).getBytes(StandardCharsets.UTF_8);
  }

  private static List<JsonNode> flatten(JsonNode decoder) {
    List<JsonNode> all = new ArrayList<>();
    if (decoder.isObject()) {
      all.add(decoder);
      for (JsonNode d : decoder.path("decoders")) {
        all.addAll(flatten(d));
      }
    }
    return all;
  }

  private static int leadingSpacesToStrip(List<JsonNode> decoders) {
    for (JsonNode d : decoders) {
      String type = d.path("type").asText();
      if (type.equals("Strip") && d.path("content").asText().equals(" ")) {
        return d.path("start").asInt(0);
      }
      if (type.equals("Metaspace")) {
        String scheme = d.path("prepend_scheme").asText("");
        return d.path("add_prefix_space").asBoolean(false) || scheme.equals("first") || scheme.equals("always") ? 1 : 0;
      }
    }
    return 0;
  }

  /** GPT-2's {@code bytes_to_unicode} table, inverted: code point to byte, or -1. */
  private static int[] gpt2UnicodeToBytes() {
    int[] table = new int[512];
    Arrays.fill(table, -1);
    int next = 256;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      table[printable ? b : next++] = b;
    }
    return table;
  }
}
