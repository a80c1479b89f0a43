package dev.confidant.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests over values from the shared development data, read in place (skipped where it is absent): our
 * templates filled with real-format phone numbers and IBANs, and Presidio's generated sentences.
 */
class SharedDataPropertyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TEMPLATES = List.of(
      "Please call me on %s tomorrow.", "Mein Handy: %s, ruf an!", "Send the money to %s and confirm.",
      "Kontonummer (IBAN) %s, danke.", "Numbers: %s; also %s.");

  private static void assertNoLeakAndRoundTrip(String text, List<String> planted) {
    DetectResult r = PiiDetectorTest.DETECTOR.detect(DetectRequest.of(text));
    for (String value : planted) {
      assertThat(r.redactedText()).as("masked \"%s\"", r.redactedText()).doesNotContain(value);
    }
    for (PiiEntity e : r.entityDetails()) {
      assertThat(r.redactedText()).doesNotContain(e.value());
    }
    assertThat(PiiDetectorTest.DETECTOR.restore(r.redactedText(), r.piiMapping())).isEqualTo(text);
  }

  @Test
  void phoneNumbersAndIbansFromTheDevDataNeverReachTheModel() throws Exception {
    Optional<Path> phones = SharedData.resolve("data/pii/phone-examples");
    Optional<Path> vectors = SharedData.resolve("data/pii/presidio-recognizer-vectors/iban_recognizer.json");
    assumeTrue(phones.isPresent() && vectors.isPresent(), "shared data absent");
    List<String> values = new ArrayList<>();
    try (var files = Files.list(phones.get())) {
      Path tsv = files.filter(p -> p.toString().endsWith(".tsv")).findFirst().orElseThrow();
      List<String> lines = Files.readAllLines(tsv);
      for (String line : lines.subList(1, lines.size())) {
        String[] cols = line.split("\t");
        values.add(cols[3]);   // E164
        values.add(cols[4]);   // INTERNATIONAL
      }
    }
    Map<?, ?> ibans = JSON.readValue(Files.readString(vectors.get()), Map.class);
    for (Object c : (List<?>) ibans.get("cases")) {
      Map<?, ?> m = (Map<?, ?>) c;
      Object text = m.get("iban");
      // Positives are the cases whose one expected span is the whole string.
      if (text instanceof String s && m.get("expected_res") instanceof List<?> res && res.size() == 1
          && res.get(0) instanceof List<?> span && span.size() == 2
          && ((Number) span.get(0)).intValue() == 0 && ((Number) span.get(1)).intValue() == s.length()) {
        values.add(s);
      }
    }
    assumeTrue(values.size() > 500, "unexpected data layout");
    Random random = new Random(42);
    for (int i = 0; i + 1 < values.size(); i += 2) {
      String template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
      List<String> planted = template.split("%s", -1).length == 3 ? List.of(values.get(i), values.get(i + 1))
          : List.of(values.get(i));
      assertNoLeakAndRoundTrip(String.format(template, planted.toArray()), planted);
    }
  }

  @Test
  void presidioGeneratedSentencesRoundTripByteForByte() throws Exception {
    Optional<Path> file = SharedData.resolve("data/pii/presidio-generated-small/generated_small.json");
    assumeTrue(file.isPresent(), "shared data absent");
    for (Object o : JSON.readValue(Files.readString(file.get()), List.class)) {
      String text = (String) ((Map<?, ?>) o).get("full_text");
      DetectResult r = PiiDetectorTest.DETECTOR.detect(DetectRequest.of(text));
      for (PiiEntity e : r.entityDetails()) {
        assertThat(r.redactedText()).doesNotContain(e.value());
      }
      assertThat(PiiDetectorTest.DETECTOR.restore(r.redactedText(), r.piiMapping())).isEqualTo(text);
    }
  }
}
