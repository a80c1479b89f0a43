package dev.confidant.jlama.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A fast encoder that gives exactly the token ids of Jlama 0.8.4's {@code LlamaTokenizer.encode} for
 * SentencePiece-style BPE tokenizers (no pre-tokenizer or a non-splitting Metaspace one, Prepend/Replace/Unicode
 * normalizers): Jlama rescans every pair with {@code String.format} after each merge, which is quadratic in the
 * prompt (seconds for a thousand tokens), while this keeps candidate merges in a priority queue ordered as Jlama
 * picks them (lowest merge rank, leftmost first). {@link #of} declines tokenizers it cannot replicate exactly;
 * those keep using Jlama's encoder. Immutable and thread-safe.
 */
final class SentencePieceBpe {
  private final Map<String, Integer> vocab;
  private final Map<String, Integer> mergeRanks;
  private final Map<String, Integer> added;
  private final @Nullable Pattern addedPattern;
  private final UnaryOperator<String> preTokenizer;
  private final List<UnaryOperator<String>> normalizers;
  private final boolean byteFallback;
  private final int byteOffset;
  private final int unkId;
  private final String unkPiece;
  private final Map<Integer, String> pieces;

  private SentencePieceBpe(Map<String, Integer> vocab, Map<String, Integer> mergeRanks, Map<String, Integer> added,
      UnaryOperator<String> preTokenizer, List<UnaryOperator<String>> normalizers, boolean byteFallback,
      String unkPiece) {
    this.vocab = vocab;
    this.mergeRanks = mergeRanks;
    this.added = added;
    this.addedPattern = added.isEmpty() ? null : Pattern.compile(String.join("|",
        added.keySet().stream().map(Pattern::quote).toList()));
    this.preTokenizer = preTokenizer;
    this.normalizers = List.copyOf(normalizers);
    this.byteFallback = byteFallback;
    this.byteOffset = vocab.getOrDefault("<0x00>", -1);
    this.unkPiece = unkPiece;
    this.unkId = vocab.getOrDefault(unkPiece, -1);
    this.pieces = new HashMap<>();
    vocab.forEach((piece, id) -> pieces.put(id, piece));
  }

  /**
   * The encoder for a {@code tokenizer.json} and {@code tokenizer_config.json}, if its behaviour under Jlama can be
   * replicated exactly.
   */
  static Optional<SentencePieceBpe> of(JsonNode tokenizer, JsonNode tokenizerConfig) {
    JsonNode model = tokenizer.path("model");
    boolean byteFallback = model.path("byte_fallback").asBoolean(false);
    if (!model.path("type").asText().equals("BPE")
        || (tokenizerConfig.path("legacy").asBoolean(false) && !byteFallback)) {
      return Optional.empty(); // Jlama remaps code points for legacy tokenizers without byte fallback
    }
    Map<String, Integer> vocab = new HashMap<>();
    model.path("vocab").properties().forEach(e -> vocab.put(e.getKey(), e.getValue().asInt()));
    Map<String, Integer> added = new HashMap<>();
    for (JsonNode token : tokenizer.path("added_tokens")) {
      added.put(token.path("content").asText(), token.path("id").asInt());
      vocab.put(token.path("content").asText(), token.path("id").asInt());
    }
    for (String a : added.keySet()) {
      for (String b : added.keySet()) {
        if (!a.equals(b) && b.contains(a)) {
          return Optional.empty(); // Jlama's alternation order (hash order) would decide between them
        }
      }
    }
    Map<String, Integer> ranks = new HashMap<>();
    JsonNode merges = model.path("merges");
    for (int i = 0; i < merges.size(); i++) {
      JsonNode m = merges.get(i);
      ranks.put(m.isArray() ? m.get(0).asText() + " " + m.get(1).asText() : m.asText(), i); // later duplicates win
    }
    Optional<UnaryOperator<String>> preTokenizer = preTokenizer(tokenizer.path("pre_tokenizer"));
    Optional<List<UnaryOperator<String>>> normalizers = normalizers(tokenizer.path("normalizer"));
    String unk = model.path("unk_token").asText("");
    if (preTokenizer.isEmpty() || normalizers.isEmpty() || (!byteFallback && !vocab.containsKey(unk))) {
      return Optional.empty();
    }
    return Optional.of(new SentencePieceBpe(vocab, ranks, added, preTokenizer.get(), normalizers.get(),
        byteFallback, unk));
  }

  /** The token ids of a text, without BOS (as Jlama's {@code Tokenizer.encode}). */
  long[] encode(String text) {
    List<Long> ids = new ArrayList<>();
    for (String piece : split(text)) {
      String pretokenized = added.containsKey(piece) ? piece : preTokenizer.apply(piece);
      Integer addedId = added.get(pretokenized);
      if (addedId != null) {
        ids.add((long) addedId);
      } else {
        encodePiece(pretokenized, ids);
      }
    }
    return ids.stream().mapToLong(Long::longValue).toArray();
  }

  /** The text split around added tokens (each kept as a piece of its own); empty pieces dropped. */
  private List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    if (text.isEmpty()) {
      return parts;
    }
    if (addedPattern == null) {
      parts.add(text);
      return parts;
    }
    Matcher m = addedPattern.matcher(text);
    int from = 0;
    while (m.find()) {
      if (m.start() > from) {
        parts.add(text.substring(from, m.start()));
      }
      parts.add(m.group());
      from = m.end();
    }
    if (from < text.length()) {
      parts.add(text.substring(from));
    }
    return parts;
  }

  private void encodePiece(String piece, List<Long> out) {
    for (UnaryOperator<String> normalizer : normalizers) {
      piece = normalizer.apply(piece);
    }
    List<Integer> start = new ArrayList<>();
    piece.codePoints().forEach(cp -> {
      Integer id = vocab.get(Character.toString(cp));
      if (id != null) {
        start.add(id);
      } else if (byteFallback) {
        for (byte b : Character.toString(cp).getBytes(StandardCharsets.UTF_8)) {
          start.add(Byte.toUnsignedInt(b) + Math.max(byteOffset, 0));
        }
      } else {
        start.add(unkId);
      }
    });
    for (int id : merge(start)) {
      out.add((long) id);
    }
  }

  /** A possible merge of the symbol at {@code left} with its right neighbour, valid while both are unchanged. */
  private record Candidate(int rank, int left, int right, int leftVersion, int rightVersion, int merged) {}

  private int[] merge(List<Integer> start) {
    int n = start.size();
    int[] ids = start.stream().mapToInt(Integer::intValue).toArray();
    int[] next = new int[n];
    int[] prev = new int[n];
    int[] version = new int[n];
    boolean[] gone = new boolean[n];
    for (int i = 0; i < n; i++) {
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    // Jlama merges the lowest-ranked mergeable pair, the leftmost among equals; positions keep list order.
    PriorityQueue<Candidate> queue = new PriorityQueue<>((a, b) ->
        a.rank() != b.rank() ? Integer.compare(a.rank(), b.rank()) : Integer.compare(a.left(), b.left()));
    for (int i = 0; i + 1 < n; i++) {
      offer(queue, ids, version, i, i + 1);
    }
    while (!queue.isEmpty()) {
      Candidate c = queue.poll();
      if (gone[c.left()] || gone[c.right()] || next[c.left()] != c.right()
          || version[c.left()] != c.leftVersion() || version[c.right()] != c.rightVersion()) {
        continue;
      }
      ids[c.left()] = c.merged();
      version[c.left()]++;
      gone[c.right()] = true;
      next[c.left()] = next[c.right()];
      if (next[c.left()] >= 0) {
        prev[next[c.left()]] = c.left();
      }
      if (prev[c.left()] >= 0) {
        offer(queue, ids, version, prev[c.left()], c.left());
      }
      if (next[c.left()] >= 0) {
        offer(queue, ids, version, c.left(), next[c.left()]);
      }
    }
    List<Integer> result = new ArrayList<>();
    for (int i = n == 0 ? -1 : 0; i >= 0; i = next[i]) {
      result.add(ids[i]);
    }
    return result.stream().mapToInt(Integer::intValue).toArray();
  }

  private void offer(PriorityQueue<Candidate> queue, int[] ids, int[] version, int left, int right) {
    String a = symbol(ids[left]);
    String b = symbol(ids[right]);
    Integer rank = mergeRanks.get(a + " " + b);
    Integer merged = rank == null ? null : vocab.get(a + b);
    if (merged != null) {
      queue.add(new Candidate(rank, left, right, version[left], version[right], merged));
    }
  }

  /** What Jlama compares merges against: the byte as a character for byte-fallback tokens, else the piece. */
  private String symbol(int id) {
    if (byteFallback && byteOffset > 0 && id >= byteOffset && id < byteOffset + 256) {
      return String.valueOf((char) (id - byteOffset));
    }
    String piece = pieces.get(id);
    return piece != null ? piece : unkPiece;
  }

  private static Optional<UnaryOperator<String>> preTokenizer(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return Optional.of(UnaryOperator.identity());
    }
    String scheme = node.path("prepend_scheme").asText(null);
    if (!node.path("type").asText().equalsIgnoreCase("Metaspace") || scheme == null) {
      return Optional.empty();
    }
    // Jlama's Metaspace: one piece, a leading space for scheme "first", runs of spaces and tabs replaced.
    String replacement = node.path("replacement").asText("\u2581");
    boolean first = scheme.equalsIgnoreCase("first");
    return Optional.of(s -> ((first ? " " : "") + s).replaceAll("[ \t]+", replacement));
  }

  private static Optional<List<UnaryOperator<String>>> normalizers(JsonNode node) {
    List<UnaryOperator<String>> steps = new ArrayList<>();
    if (node.isMissingNode() || node.isNull()) {
      return Optional.of(steps);
    }
    JsonNode items = node.path("normalizers");
    if (items.size() > 0 && !node.path("type").asText().equalsIgnoreCase("Sequence")) {
      return Optional.empty();
    }
    for (JsonNode item : items) {
      String type = item.path("type").asText();
      switch (type) {
        case "Prepend" -> {
          String prepend = item.path("prepend").asText();
          steps.add(s -> prepend + s);
        }
        case "Replace" -> {
          String content = item.path("content").asText();
          // Jlama treats every pattern value as a regular expression, as String.replaceAll does.
          item.path("pattern").properties().forEach(p -> {
            String regex = p.getValue().asText();
            steps.add(s -> s.replaceAll(regex, content));
          });
        }
        case "NFC", "NFKC", "NFD", "NFKD" -> {
          Normalizer.Form form = Normalizer.Form.valueOf(type);
          steps.add(s -> Normalizer.normalize(s, form));
        }
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.of(steps);
  }
}
