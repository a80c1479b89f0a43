package dev.confidant.pii.internal.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.RequestContext;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageContext;
import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiAudit;
import dev.confidant.pii.PiiAudit.Decision;
import dev.confidant.pii.PiiAudit.Entry;
import dev.confidant.pii.PiiAudit.Origin;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.Pseudonymization;
import dev.confidant.pii.spi.Recognizer;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.StageHarness;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PiiAuditTest {
  private static final RequestContext PII_ON =
      RequestContext.of("u", "space_1").with(Pseudonymization.KEY, Pseudonymization.ON);

  private static PiiAudit audit(PipelineStage stage, RequestContext rc, String text) {
    StageContext context = new StageContext(rc);
    StageHarness.of(stage, ScriptedModelBackend.builder().echo().build())
        .stream(ChatCompletionRequest.of("scripted", new UserMessage(text)), context).collect();
    return context.get(PiiAudit.KEY).orElseThrow();
  }

  @Test
  void countsEachPlaceholderWithItsDetectorAndOriginAndHoldsNoValue() {
    PiiAudit audit = audit(TestStages.STAGE, PII_ON.with(Pseudonymization.KEY,
        Pseudonymization.ON.withCallerMapping(Map.of("[EMAIL_1]", "anna.weber@example.org"))),
        "Anna Weber wrote from anna.weber@example.org; Anna Weber asks again.");

    assertThat(audit.entries()).extracting(Entry::type, Entry::placeholder, Entry::origin, Entry::count)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(EntityType.PERSON, "[NAME_1]", Origin.CREATED, 2),
            org.assertj.core.groups.Tuple.tuple(EntityType.EMAIL, "[EMAIL_1]", Origin.REUSED, 1));
    assertThat(audit.entries()).allSatisfy(e -> assertThat(e.decision()).isEqualTo(Decision.MASKED));
    assertThat(audit.entries()).filteredOn(e -> e.type() == EntityType.PERSON).extracting(Entry::detector)
        .allSatisfy(d -> assertThat(d).startsWith("names/"));
    assertThat(audit.maskedCounts()).isEqualTo(Map.of(EntityType.PERSON, 2, EntityType.EMAIL, 1));
    assertThat(audit.toString()).doesNotContain("Anna", "Weber", "anna.weber", "example.org");
  }

  @Test
  void organisationsLeftWhileOiiIsOffAreReportedAsSuch() {
    PiiAudit audit = audit(TestStages.STAGE, PII_ON.with(Pseudonymization.KEY, Pseudonymization.of(true, false)),
        "Our supplier is Nordlicht Logistik GmbH.");

    assertThat(audit.entries()).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(EntityType.ORGANIZATION);
      assertThat(e.decision()).isEqualTo(Decision.LEFT_OII_OFF);
      assertThat(e.placeholder()).isNull();
    });
  }

  @Test
  void valuesBelowTheThresholdAreReportedOnceAndLeft() {
    // Two recognizers find the same weak span: the audit reports it once; a span no one scores high stays unmasked.
    PiiOptions options = PiiOptions.defaults().withMinScore(0.5).withEntityTypes(Set.of(EntityType.ACCOUNT_ID))
        .withExtraRecognizers(List.of(weak("weak-a", 0.2), weak("weak-b", 0.3)));
    PipelineStage stage = new PseudonymizationStageProvider().create(new dev.confidant.api.spi.EngineContext() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> java.util.Optional<T> option(dev.confidant.api.spi.EngineOption<T> option) {
        return option.equals(PiiOptions.KEY) ? java.util.Optional.of((T) options)
            : option.equals(PiiOptions.AUDIT_BELOW_THRESHOLD) ? java.util.Optional.of((T) Boolean.TRUE)
            : java.util.Optional.empty();
      }
    });
    ScriptedModelBackend backend = ScriptedModelBackend.builder().echo().build();
    StageContext context = new StageContext(PII_ON);
    StageHarness.of(stage, backend).stream(ChatCompletionRequest.of("scripted",
        new UserMessage("We saw QX-4411 twice.")), context).collect();

    assertThat(backend.requests().get(0).messages().get(0).text()).isEqualTo("We saw QX-4411 twice.");
    assertThat(context.get(PiiAudit.KEY).orElseThrow().entries()).singleElement().satisfies(e -> {
      assertThat(e.decision()).isEqualTo(Decision.LEFT_BELOW_THRESHOLD);
      assertThat(e.detector()).isEqualTo("weak-b/code");
      assertThat(e.count()).isEqualTo(1);
    });
  }

  @Test
  void belowThresholdValuesAreLookedForOnlyWhenAsked() {
    PiiOptions options = PiiOptions.defaults().withMinScore(0.5).withEntityTypes(Set.of(EntityType.ACCOUNT_ID))
        .withExtraRecognizers(List.of(weak("weak-a", 0.2)));
    PipelineStage stage = new PseudonymizationStageProvider().create(TestStages.context(options));
    assertThat(audit(stage, PII_ON, "We saw QX-4411 twice.").entries()).isEmpty();
  }

  @Test
  void aRequestWithoutPseudonymizationHasNoAudit() {
    StageContext context = new StageContext(RequestContext.anonymous());
    StageHarness.of(TestStages.STAGE, ScriptedModelBackend.builder().echo().build())
        .stream(ChatCompletionRequest.of("scripted", new UserMessage("Anna Weber")), context).collect();
    assertThat(context.get(PiiAudit.KEY)).isEmpty();
  }

  @Test
  void anAuditIsBoundedAndCountsWhatItLeavesOut() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < PiiAudit.MAX_ENTRIES + 20; i++) {
      text.append("user").append(i).append("@example.org ");
    }
    PiiAudit audit = audit(TestStages.STAGE, PII_ON, text.toString());
    assertThat(audit.entries()).hasSize(PiiAudit.MAX_ENTRIES);
    assertThat(audit.omitted()).isEqualTo(20);
    assertThat(audit.occurrences()).isEqualTo(PiiAudit.MAX_ENTRIES + 20);
  }

  /** Reports codes like QX-4411 as account ids with a fixed low score. */
  private static Recognizer weak(String name, double score) {
    Pattern code = Pattern.compile("[A-Z]{2}-\\d{4}");
    return new Recognizer() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Set<EntityType> types() {
        return Set.of(EntityType.ACCOUNT_ID);
      }

      @Override
      public List<PiiEntity> recognize(String text) {
        Matcher m = code.matcher(text);
        List<PiiEntity> out = new java.util.ArrayList<>();
        while (m.find()) {
          out.add(new PiiEntity(EntityType.ACCOUNT_ID, m.group(), m.start(), m.end(), score, name + "/code"));
        }
        return out;
      }
    };
  }
}
