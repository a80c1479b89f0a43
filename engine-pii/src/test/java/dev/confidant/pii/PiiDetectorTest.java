package dev.confidant.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.spi.MappingVaults;
import dev.confidant.pii.spi.VaultKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PiiDetectorTest {
  static final PiiDetector DETECTOR = PiiDetector.create(PiiOptions.defaults());

  @Test
  void detectReturnsRedactedTextMappingAndEntityDetails() {
    String text = "Mail Anna Weber at anna.weber@example.org or call +49 30 1234567.";
    DetectResult r = DETECTOR.detect(DetectRequest.of(text));
    assertThat(r.redactedText()).isEqualTo("Mail [NAME_1] at [EMAIL_1] or call [PHONE_1].");
    assertThat(r.piiMapping()).containsExactly(Map.entry("[NAME_1]", "Anna Weber"),
        Map.entry("[EMAIL_1]", "anna.weber@example.org"), Map.entry("[PHONE_1]", "+49 30 1234567"));
    assertThat(r.entityDetails()).allSatisfy(e -> assertThat(text.substring(e.start(), e.end())).isEqualTo(e.value()));
    assertThat(r.toString()).doesNotContain("Anna").doesNotContain("example.org");
  }

  @Test
  void generatedConversationsNeverLeakAndRoundTripByteForByte() {
    Random random = new Random(42);
    for (int conversation = 0; conversation < 60; conversation++) {
      Map<String, String> mapping = new LinkedHashMap<>();
      for (int turn = 0; turn < 3; turn++) {
        Fixtures.Planted planted = Fixtures.turn(random);
        DetectResult r = DETECTOR.detect(DetectRequest.of(planted.text()).withExistingMapping(mapping));
        for (String value : planted.values()) {
          assertThat(r.redactedText()).as("masked: %s", r.redactedText()).doesNotContain(value);
        }
        for (PiiEntity e : r.entityDetails()) {
          assertThat(r.redactedText()).doesNotContain(e.value());
        }
        assertThat(DETECTOR.restore(r.redactedText(), r.piiMapping())).isEqualTo(planted.text());
        mapping = r.piiMapping();
      }
    }
  }

  @Test
  void existingMappingKeepsPlaceholdersAndIsRematched() {
    Map<String, String> existing = Map.of("[NAME_1]", "Zyxo Quarn", "[NAME_3]", "Bob");
    DetectResult r = DETECTOR.detect(DetectRequest.of("zyxo  quarn met Clara Fischer.")
        .withExistingMapping(existing));
    assertThat(r.redactedText()).isEqualTo("[NAME_1] met [NAME_2].");
    assertThat(r.piiMapping()).containsEntry("[NAME_2]", "Clara Fischer").containsEntry("[NAME_3]", "Bob");
  }

  @Test
  void restoreSeesChangesOfAMutableMappingBetweenCalls() {
    Map<String, String> mapping = new LinkedHashMap<>();
    for (int i = 1; i <= 200; i++) {
      mapping.put("[NAME_" + i + "]", "Person " + i);
    }
    assertThat(DETECTOR.restore("Dear [NAME_7]", mapping)).isEqualTo("Dear Person 7");
    mapping.put("[NAME_7]", "Someone Else");
    mapping.put("<NAME_201>", "Late");
    assertThat(DETECTOR.restore("Dear [NAME_7] and NAME_201", mapping)).isEqualTo("Dear Someone Else and Late");
  }

  @Test
  void restoreAgainstLargeImmutableMappingsGivesTheSameAsAFreshCopy() {
    Map<String, String> source = new LinkedHashMap<>();
    for (int i = 1; i <= 100_000; i++) {
      source.put("[NAME_" + i + "]", "Person " + i);
    }
    Map<String, String> immutable = Map.copyOf(source);
    DetectResult result = new DetectResult("", source, List.of());
    for (int round = 0; round < 3; round++) { // the second and third rounds use the remembered tables
      for (Map<String, String> m : List.of(immutable, result.piiMapping(), source)) {
        assertThat(DETECTOR.restore("[NAME_1], [Name 99999] and NAME_100000; [NAME_100001]", m))
            .isEqualTo("Person 1, Person 99999 and Person 100000; [NAME_100001]");
      }
    }
    Map<String, String> others = new LinkedHashMap<>();
    for (int i = 1; i <= 100; i++) {
      others.put("[NAME_" + i + "]", "Other " + i);
    }
    Map<String, String> other = Map.copyOf(others); // replaces the remembered table
    assertThat(DETECTOR.restore("[NAME_1]", other)).isEqualTo("Other 1");
    assertThat(DETECTOR.restore("[NAME_1]", immutable)).isEqualTo("Person 1");
  }

  @Test
  void detectWithAReusedLargeExistingMappingGivesWhatAFreshCopyGives() {
    Map<String, String> existing = new LinkedHashMap<>();
    for (int i = 1; i <= 5_000; i++) {
      existing.put("[NAME_" + i + "]", "Person" + i + " Example");
    }
    existing.put("[EMAIL_1]", "anna.weber@example.org");
    DetectRequest shared = DetectRequest.of("Mail Anna Weber at anna.weber@example.org, cc Person17 Example.")
        .withExistingMapping(existing);
    DetectResult expected =
        DETECTOR.detect(DetectRequest.of(shared.text()).withExistingMapping(new LinkedHashMap<>(existing)));
    for (int round = 0; round < 3; round++) { // rounds 2 and 3 start from the frozen mapping of round 1
      DetectResult r = DETECTOR.detect(shared);
      assertThat(r.redactedText()).isEqualTo(expected.redactedText()).contains("[EMAIL_1]").contains("[NAME_17]");
      assertThat(r.piiMapping()).containsExactlyEntriesOf(expected.piiMapping()).hasSize(5_002);
      assertThat(DETECTOR.restore(r.redactedText(), r.piiMapping())).isEqualTo(shared.text());
    }
    // A result's mapping fed back as the next existing mapping keeps its order and is not copied.
    DetectResult first = DETECTOR.detect(shared);
    DetectRequest next = DetectRequest.of("And Bob Miller?").withExistingMapping(first.piiMapping());
    assertThat(next.existingMapping()).isSameAs(first.piiMapping());
    List<String> keys = List.copyOf(DETECTOR.detect(next).piiMapping().keySet());
    assertThat(keys.subList(0, first.piiMapping().size())).containsExactlyElementsOf(first.piiMapping().keySet());
  }

  @Test
  void theExistingMappingLeadsTheResultInTheCallersOrder() {
    Map<String, String> existing = new LinkedHashMap<>();
    for (int i = 20; i >= 1; i--) {
      existing.put("[NAME_" + i + "]", "Person" + i + " Example");
    }
    DetectResult r = DETECTOR.detect(DetectRequest.of("Mail anna.weber@example.org").withExistingMapping(existing));
    List<String> keys = List.copyOf(r.piiMapping().keySet());
    assertThat(keys.subList(0, 20)).containsExactlyElementsOf(existing.keySet());
    assertThat(keys.get(20)).isEqualTo("[EMAIL_1]");
  }

  @Test
  void organisationsAreMaskedOnlyWithOii() {
    String text = "We signed with Nordlicht Logistik GmbH yesterday.";
    assertThat(DETECTOR.detect(DetectRequest.of(text)).redactedText()).isEqualTo("We signed with [ORG_1] yesterday.");
    assertThat(DETECTOR.detect(DetectRequest.of(text).withIncludeOii(false)).redactedText()).isEqualTo(text);
  }

  @Test
  void threadVaultKeepsPlaceholdersAcrossTurns() {
    PiiDetector detector = PiiDetector.create(PiiOptions.defaults().withVault(MappingVaults.inMemory()));
    VaultKey thread = new VaultKey("s1", "alice", "t1");
    DetectResult first = detector.detect(DetectRequest.of("Anna Weber called.").withThread(thread));
    DetectResult second = detector.detect(DetectRequest.of("Write to Jonas Bauer and Anna Weber").withThread(thread));
    DetectResult otherThread = detector.detect(DetectRequest.of("Jonas Bauer")
        .withThread(new VaultKey("s1", "alice", "t2")));
    DetectResult otherOwner = detector.detect(DetectRequest.of("Dear [NAME_1]")
        .withThread(new VaultKey("s1", "bob", "t1")));
    assertThat(first.redactedText()).isEqualTo("[NAME_1] called.");
    assertThat(second.redactedText()).isEqualTo("Write to [NAME_2] and [NAME_1]");
    assertThat(otherThread.redactedText()).isEqualTo("[NAME_1]");
    assertThat(otherOwner.piiMapping()).as("another principal's thread of the same id").isEmpty();
  }

  @Test
  void angleBracketsAreSelectable() {
    PiiDetector angle = PiiDetector.create(PiiOptions.defaults().withPlaceholderStyle(PlaceholderStyle.ANGLE)
        .withNameModel(false));
    DetectResult r = angle.detect(DetectRequest.of("mail a.b@example.org"));
    assertThat(r.redactedText()).isEqualTo("mail <EMAIL_1>");
    assertThat(angle.restore("to <EMAIL_1> and [EMAIL_1]", r.piiMapping()))
        .isEqualTo("to a.b@example.org and a.b@example.org");
  }

  @Test
  void batchDetectionIsFastEnoughForTheCli() {
    Random random = new Random(1);
    List<DetectRequest> batch = new java.util.ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      batch.add(DetectRequest.of(Fixtures.turn(random).text()));
    }
    DETECTOR.detectAll(batch.subList(0, 200));
    long t0 = System.nanoTime();
    List<DetectResult> results = DETECTOR.detectAll(batch);
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(results).hasSize(2_000);
    assertThat(2_000 / seconds).as("lines per second").isGreaterThan(100);
  }

  @Test
  void extraRecognizersPlugIn() {
    dev.confidant.pii.spi.Recognizer employeeIds = new dev.confidant.pii.spi.Recognizer() {
      private final java.util.regex.Pattern id = java.util.regex.Pattern.compile("\\bEMP-\\d{6}\\b");

      @Override
      public String name() {
        return "employee-id";
      }

      @Override
      public java.util.Set<EntityType> types() {
        return java.util.Set.of(EntityType.NATIONAL_ID);
      }

      @Override
      public List<PiiEntity> recognize(String text) {
        List<PiiEntity> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = id.matcher(text);
        while (m.find()) {
          out.add(new PiiEntity(EntityType.NATIONAL_ID, m.group(), m.start(), m.end(), 0.9, "employee-id"));
        }
        return out;
      }
    };
    PiiDetector d = PiiDetector.create(PiiOptions.defaults().withNameModel(false)
        .withExtraRecognizers(List.of(employeeIds)));
    assertThat(d.detect(DetectRequest.of("badge EMP-123456 lost")).redactedText()).isEqualTo("badge [ID_1] lost");
  }

  @Test
  void concurrentDetectionGivesTheSameResults() throws Exception {
    Random random = new Random(3);
    List<DetectRequest> batch = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      batch.add(DetectRequest.of(Fixtures.turn(random).text()));
    }
    List<String> sequential = batch.stream().map(r -> DETECTOR.detect(r).redactedText()).toList();
    assertThat(DETECTOR.detectAll(batch).stream().map(DetectResult::redactedText).toList()).isEqualTo(sequential);
  }

  @Test
  void noTypeLeaksValuesThroughToString() {
    String text = "Anna Weber, anna.weber@example.org";
    DetectRequest request = DetectRequest.of(text).withExistingMapping(Map.of("[NAME_9]", "Zyxo Quarn"));
    DetectResult r = DETECTOR.detect(request);
    String all = request + " " + r + " " + r.entityDetails() + " " + DETECTOR + " " + DETECTOR.options();
    assertThat(all).doesNotContain("Anna", "Weber", "example.org", "Zyxo");
  }
}
