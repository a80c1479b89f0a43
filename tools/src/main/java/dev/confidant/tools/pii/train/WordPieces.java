package dev.confidant.tools.pii.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's uncased WordPiece tokenization of one pre-split word: lower case, accents stripped, punctuation split
 * off, then greedy longest-match pieces ({@code ##} continues a word), {@code [UNK]} for a word without a match.
 * Reads the vocabulary of a Hugging Face {@code tokenizer.json}. Immutable.
 */
final class WordPieces {
  private final Map<String, Integer> vocab;

  private WordPieces(Map<String, Integer> vocab) {
    this.vocab = vocab;
  }

  /** Reads the vocabulary ({@code model.vocab}) of a Hugging Face {@code tokenizer.json}. */
  static WordPieces read(InputStream tokenizerJson) throws IOException {
    JsonNode v = new ObjectMapper().readTree(tokenizerJson).path("model").path("vocab");
    Map<String, Integer> vocab = new HashMap<>();
    v.fields().forEachRemaining(e -> vocab.put(e.getKey(), e.getValue().asInt()));
    return new WordPieces(vocab);
  }

  /** The id of {@code [CLS]}. */
  int cls() {
    return vocab.get("[CLS]");
  }

  /** The id of {@code [SEP]}. */
  int sep() {
    return vocab.get("[SEP]");
  }

  /** The piece ids of one word (several for punctuation inside it). */
  List<Integer> of(String word) {
    String norm = stripAccents(word.toLowerCase(Locale.ROOT));
    List<Integer> out = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    for (int i = 0; i < norm.length(); i++) {
      char c = norm.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(part, out);
        out.add(vocab.getOrDefault(String.valueOf(c), vocab.get("[UNK]")));
      } else {
        part.append(c);
      }
    }
    flush(part, out);
    return out;
  }

  private static String stripAccents(String s) {
    boolean ascii = true;
    for (int i = 0; i < s.length() && ascii; i++) {
      ascii = s.charAt(i) < 0x80;
    }
    return ascii ? s : MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
  }

  private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{Mn}+");

  private void flush(StringBuilder part, List<Integer> out) {
    if (part.isEmpty()) {
      return;
    }
    String w = part.toString();
    part.setLength(0);
    List<Integer> ids = new ArrayList<>();
    int start = 0;
    while (start < w.length()) {
      int end = w.length();
      Integer id = null;
      while (end > start) {
        String piece = (start > 0 ? "##" : "") + w.substring(start, end);
        id = vocab.get(piece);
        if (id != null) {
          break;
        }
        end--;
      }
      if (id == null) {
        out.add(vocab.get("[UNK]"));
        return;
      }
      ids.add(id);
      start = end;
    }
    out.addAll(ids);
  }
}
