package dev.confidant.tools.pii.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the shared development data as {@link Example}s, mapping each set's labels onto our evaluation classes
 * (documented in the module README). Files are read by path and never copied.
 */
public final class Datasets {
  /** Reads the data files; numbers come back as {@link Number} (Integer, Long or Double). */
  private static final ObjectMapper JSON = new ObjectMapper();

  private Datasets() {}

  /** Presidio entity names we have a recognizer for, to our classes. Others are not scored. */
  public static final Map<String, String> PRESIDIO = Map.ofEntries(
      Map.entry("EMAIL_ADDRESS", "EMAIL"), Map.entry("PHONE_NUMBER", "PHONE"), Map.entry("IBAN_CODE", "IBAN"),
      Map.entry("CREDIT_CARD", "CREDIT_CARD"), Map.entry("IP_ADDRESS", "IP_ADDRESS"), Map.entry("URL", "URL"),
      Map.entry("DOMAIN_NAME", "URL"), Map.entry("US_SSN", "NATIONAL_ID"), Map.entry("UK_NHS", "NATIONAL_ID"),
      Map.entry("UK_NINO", "NATIONAL_ID"), Map.entry("DE_TAX_ID", "NATIONAL_ID"),
      Map.entry("DE_VAT_ID", "NATIONAL_ID"), Map.entry("DE_ID_CARD", "NATIONAL_ID"),
      Map.entry("ES_NIF", "NATIONAL_ID"), Map.entry("ES_NIE", "NATIONAL_ID"),
      Map.entry("IT_FISCAL_CODE", "NATIONAL_ID"), Map.entry("PL_PESEL", "NATIONAL_ID"),
      Map.entry("FI_PERSONAL_IDENTITY_CODE", "NATIONAL_ID"), Map.entry("IN_AADHAAR", "NATIONAL_ID"),
      Map.entry("SE_PERSONNUMMER", "NATIONAL_ID"), Map.entry("TR_NATIONAL_ID", "NATIONAL_ID"),
      Map.entry("ZA_ID_NUMBER", "NATIONAL_ID"), Map.entry("AU_TFN", "NATIONAL_ID"), Map.entry("CA_SIN", "NATIONAL_ID"),
      Map.entry("DE_HEALTH_INSURANCE", "NATIONAL_ID"), Map.entry("DE_SOCIAL_SECURITY", "NATIONAL_ID"),
      Map.entry("DE_PASSPORT", "NATIONAL_ID"),
      Map.entry("UK_POSTCODE", "LOCATION/ADDRESS"), Map.entry("PERSON", "PERSON"),
      Map.entry("ORGANIZATION", "ORGANIZATION"), Map.entry("LOCATION", "LOCATION/ADDRESS"),
      Map.entry("ADDRESS", "LOCATION/ADDRESS"));

  /**
   * Presidio recognizer test vectors (span cases with known spans), grouped by our class. Two kinds of case are
   * not scored because they do not describe Presidio's default behaviour on a text: cases that assert only a
   * count ({@code expected_len} without positions, flattened to an empty span list), and phone cases run at a
   * non-default libphonenumber leniency (the same text is expected with and without a number depending on it;
   * Presidio's default is 1, VALID, which is what we implement).
   */
  public static List<Example> presidioVectors(Path dir) throws IOException {
    Set<String> nonDefault = nonDefaultLeniency(dir.resolve("phone_recognizer.json"));
    Map<String, Map<String, Integer>> entityNums = new HashMap<>();
    List<Example> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("all_vectors.jsonl"), StandardCharsets.UTF_8)) {
      if (!(JSON.readValue(line, Object.class) instanceof Map<?, ?> m) || !"span".equals(m.get("kind"))
          || !(m.get("entities") instanceof List<?> entities) || entities.isEmpty()
          || !(m.get("expected_spans") instanceof List<?> spans)) {
        continue;
      }
      // A recognizer with several entities (spaCy's: PERSON and DATE_TIME) says which one a case expects only in
      // its own file's entity_num; all_vectors.jsonl leaves it out, so "May 1st, 1977" would be scored as a person.
      int entity = entities.stream().distinct().count() == 1 ? 0
          : entityNums.computeIfAbsent((String) m.get("recognizer"), r -> entityNums(dir.resolve(r + ".json")))
              .getOrDefault((String) m.get("text"), -1);
      String cls = entity < 0 || entity >= entities.size() ? null : PRESIDIO.get((String) entities.get(entity));
      if (cls == null) {
        continue;
      }
      // Spans come as [[start, end], ...], a few as a flat [start, end].
      List<?> pairs = !spans.isEmpty() && spans.get(0) instanceof Number ? List.of(spans) : spans;
      int expectedLen = m.get("expected_len") instanceof Number d ? d.intValue() : pairs.size();
      if (expectedLen != pairs.size() || nonDefault.contains(expectedLen + "|" + m.get("text"))) {
        continue;
      }
      List<Example.Span> gold = new ArrayList<>();
      for (Object s : pairs) {
        List<?> se = (List<?>) s;
        gold.add(new Example.Span(cls, ((Number) se.get(0)).intValue(), ((Number) se.get(1)).intValue()));
      }
      out.add(new Example((String) m.get("text"), gold, List.of(cls)));
    }
    return out;
  }

  /**
   * Text to {@code entity_num} of the cases in one recognizer's test file; empty when the file is missing or
   * unreadable (then none of that recognizer's multi-entity cases is scored).
   */
  private static Map<String, Integer> entityNums(Path recognizerCases) {
    Map<String, Integer> out = new HashMap<>();
    try {
      if (Files.exists(recognizerCases)
          && JSON.readValue(Files.readString(recognizerCases, StandardCharsets.UTF_8), Object.class)
              instanceof Map<?, ?> m
          && m.get("cases") instanceof List<?> cases) {
        for (Object c : cases) {
          if (c instanceof Map<?, ?> cm && cm.get("text") instanceof String text
              && cm.get("entity_num") instanceof Number n) {
            out.put(text, n.intValue());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** "expected_len|text" of the phone cases parametrised with a leniency other than Presidio's default (1). */
  private static Set<String> nonDefaultLeniency(Path phoneCases) throws IOException {
    Set<String> out = new HashSet<>();
    if (!Files.exists(phoneCases)
        || !(JSON.readValue(Files.readString(phoneCases, StandardCharsets.UTF_8), Object.class)
            instanceof Map<?, ?> m)
        || !(m.get("cases") instanceof List<?> cases)) {
      return out;
    }
    for (Object c : cases) {
      if (c instanceof Map<?, ?> cm && cm.get("leniency") instanceof Number leniency && leniency.doubleValue() != 1
          && cm.get("expected_len") instanceof Number len) {
        out.add(len.intValue() + "|" + cm.get("text"));
      }
    }
    return out;
  }

  /** libphonenumber example numbers in one format, each in a short sentence. */
  public static List<Example> phones(Path dir, String format) throws IOException {
    Path file;
    try (var files = Files.list(dir)) {
      file = files.filter(p -> p.toString().endsWith(".tsv")).findFirst().orElseThrow();
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).split("\t"));
    int col = header.indexOf(format);
    List<Example> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String number = line.split("\t")[col];
      String prefix = "You can reach me at ";
      out.add(new Example(prefix + number + " after six.",
          List.of(new Example.Span("PHONE", prefix.length(), prefix.length() + number.length())),
          List.of("PHONE")));
    }
    return out;
  }

  /**
   * Presidio-research generated sentences; every listed type we cover is scored per class. Gold spans of the
   * other types (titles, dates, driver's licences, ...) are kept as class {@code OTHER}: they count for the
   * token-level PII metrics (every personal value should be masked), not in the per-class table.
   */
  public static List<Example> presidioGenerated(Path dir) throws IOException {
    List<Example> out = new ArrayList<>();
    List<?> all = JSON.readValue(Files.readString(dir.resolve("generated_small.json"), StandardCharsets.UTF_8),
        List.class);
    List<String> classes = List.of("PERSON", "ORGANIZATION", "LOCATION/ADDRESS", "EMAIL", "PHONE", "CREDIT_CARD",
        "IP_ADDRESS", "URL", "NATIONAL_ID");
    for (Object o : all) {
      Map<?, ?> m = (Map<?, ?>) o;
      List<Example.Span> gold = new ArrayList<>();
      for (Object s : (List<?>) m.get("spans")) {
        Map<?, ?> sm = (Map<?, ?>) s;
        String cls = PRESIDIO.get((String) sm.get("entity_type"));
        gold.add(new Example.Span(cls == null ? "OTHER" : cls, ((Number) sm.get("start_position")).intValue(),
            ((Number) sm.get("end_position")).intValue()));
      }
      out.add(new Example((String) m.get("full_text"), gold, classes));
    }
    return out;
  }

  /**
   * CoNLL-style NER sentences joined with single spaces. With {@code heldOutOnly}, only the split the shipped
   * model was not trained on (see {@link Conll#heldOut}).
   */
  public static List<Example> conll(Path file, boolean heldOutOnly) throws IOException {
    List<Conll.Sentence> sentences = Conll.read(file);
    List<Example> all = conll(sentences);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (!heldOutOnly || Conll.heldOut(i)) {
        out.add(all.get(i));
      }
    }
    return out;
  }

  /** CoNLL-style NER sentences joined with single spaces. */
  public static List<Example> conll(List<Conll.Sentence> sentences) {
    List<Example> out = new ArrayList<>();
    Map<String, String> classes = new LinkedHashMap<>();
    classes.put("PER", "PERSON");
    classes.put("ORG", "ORGANIZATION");
    classes.put("LOC", "LOCATION/ADDRESS");
    for (Conll.Sentence s : sentences) {
      StringBuilder text = new StringBuilder();
      List<Example.Span> gold = new ArrayList<>();
      int start = -1;
      String type = null;
      for (int k = 0; k <= s.tokens().size(); k++) {
        String tag = k < s.tags().size() ? s.tags().get(k) : "O";
        boolean inside = tag.startsWith("I-") && tag.substring(2).equals(type);
        if (!inside && type != null) {
          gold.add(new Example.Span(classes.get(type), start, text.length()));
          type = null;
        }
        if (k == s.tokens().size()) {
          break;
        }
        if (text.length() > 0) {
          text.append(' ');
        }
        if (!inside && !tag.equals("O")) {
          start = text.length();
          type = tag.substring(2);
        }
        text.append(s.tokens().get(k));
      }
      out.add(new Example(text.toString(), gold, List.copyOf(classes.values())));
    }
    return out;
  }
}
