package dev.confidant.pii.internal.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.EngineConfigException;
import dev.confidant.api.RequestContext;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.EngineOption;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageContext;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.Pseudonymization;
import dev.confidant.pii.internal.token.CountingRecognizer;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.StageHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The detection cache seen from the stage: a conversation's history is detected once, whatever its length. */
class ConversationCacheTest {
  private static final RequestContext ALICE = RequestContext.of("alice", "space_1").with(Pseudonymization.KEY, Pseudonymization.ON);

  private static PipelineStage stage(CountingRecognizer counting, int cacheEntries) {
    PiiOptions options = PiiOptions.defaults().withNameModel(false).withExtraRecognizers(List.of(counting));
    return new PseudonymizationStageProvider().create(new EngineContext() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> Optional<T> option(EngineOption<T> option) {
        return option.equals(PiiOptions.KEY) ? Optional.of((T) options)
            : option.equals(PiiOptions.DETECTION_CACHE_ENTRIES) ? Optional.of((T) Integer.valueOf(cacheEntries))
            : Optional.empty();
      }
    });
  }

  /** Turn k of a support conversation: the system message, k user turns and the k - 1 replies between them. */
  private static List<ChatMessage> conversation(int turns) {
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(new SystemMessage("You are the support assistant of Nordlicht Logistik GmbH."));
    for (int k = 1; k <= turns; k++) {
      if (k > 1) {
        messages.add(new AssistantMessage("Thanks Clara Fischer, ticket " + (k - 1) + " is noted."));
      }
      messages.add(new UserMessage("Turn " + k + ": I am Clara Fischer, mail clara.fischer@example.org, call +49 30 "
          + (1234560 + k) + "."));
    }
    return messages;
  }

  private static List<String> sent(PipelineStage stage, int turns, RequestContext who) {
    ScriptedModelBackend backend = ScriptedModelBackend.builder().echo().build();
    for (int k = 1; k <= turns; k++) {
      StageHarness.of(stage, backend).stream(ChatCompletionRequest.of("scripted",
          conversation(k).toArray(ChatMessage[]::new)), new StageContext(who.withThreadId("t1"))).collect();
    }
    return backend.requests().stream().flatMap(r -> r.messages().stream()).map(ChatMessage::text).toList();
  }

  @Test
  void eachTurnDetectsOnlyItsNewMessagesAndTheModelSeesWhatItWouldWithoutTheCache() {
    CountingRecognizer cached = new CountingRecognizer();
    CountingRecognizer uncached = new CountingRecognizer();
    List<String> withCache = sent(stage(cached, 64), 6, ALICE);
    List<String> withoutCache = sent(stage(uncached, 0), 6, ALICE);
    assertThat(withCache).isEqualTo(withoutCache);
    assertThat(withCache).noneMatch(t -> t.contains("Clara") || t.contains("clara.fischer") || t.contains("1234"));
    // Without the cache turn k detects all 2k messages again; with it, each distinct message once.
    assertThat(uncached.seen).hasSize(2 + 4 + 6 + 8 + 10 + 12);
    assertThat(cached.seen).hasSize(12).doesNotHaveDuplicates();
  }

  @Test
  void anotherPrincipalsIdenticalTextIsDetectedAgain() {
    CountingRecognizer counting = new CountingRecognizer();
    PipelineStage stage = stage(counting, 64);
    sent(stage, 1, ALICE);
    sent(stage, 1, ALICE.withPrincipal("bob"));
    sent(stage, 1, ALICE.withSpaceId("space_2"));
    assertThat(counting.seen).hasSize(6);
  }

  @Test
  void aNegativeSizeIsAConfigurationError() {
    assertThatThrownBy(() -> stage(new CountingRecognizer(), -1)).isInstanceOf(EngineConfigException.class)
        .hasMessageContaining("pii.detection-cache-entries");
  }
}
