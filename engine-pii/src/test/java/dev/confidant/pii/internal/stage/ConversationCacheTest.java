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
import dev.confidant.pii.PiiAudit;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.Pseudonymization;
import dev.confidant.pii.internal.token.CountingRecognizer;
import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.MappingVaults;
import dev.confidant.pii.spi.VaultKey;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.StageHarness;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The detection cache seen from the stage: a conversation's history is detected once, whatever its length. */
class ConversationCacheTest {
  private static final RequestContext ALICE = RequestContext.of("alice", "space_1").with(Pseudonymization.KEY, Pseudonymization.ON);

  private static PipelineStage stage(CountingRecognizer counting, int cacheEntries) {
    return stage(counting, cacheEntries, MappingVaults.inMemory());
  }

  private static PipelineStage stage(CountingRecognizer counting, int cacheEntries, MappingVault vault) {
    PiiOptions options = PiiOptions.defaults().withNameModel(false).withExtraRecognizers(List.of(counting))
        .withVault(vault);
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

  /**
   * A vault that hands out a fresh copy on every load (as the directory and PostgreSQL vaults do), so the stage
   * seeds a new mapping per request instead of working over the in-memory vault's seeded one.
   */
  private static MappingVault copying(MappingVault vault) {
    return new MappingVault() {
      @Override
      public Map<String, String> load(VaultKey key) {
        return new LinkedHashMap<>(vault.load(key));
      }

      @Override
      public void merge(VaultKey key, Map<String, String> entries) {
        vault.merge(key, entries);
      }

      @Override
      public boolean delete(VaultKey key) {
        return vault.delete(key);
      }

      @Override
      public boolean deletePlaceholder(VaultKey key, String placeholder) {
        return vault.deletePlaceholder(key, placeholder);
      }

      @Override
      public int deleteSpace(String spaceId) {
        return vault.deleteSpace(spaceId);
      }
    };
  }

  /** Per turn, what the model was sent and the audit, with OII masked in odd turns and left in even ones. */
  private static List<Object> sentAndAudited(PipelineStage stage, int turns) {
    ScriptedModelBackend backend = ScriptedModelBackend.builder().echo().build();
    List<Object> out = new ArrayList<>();
    for (int k = 1; k <= turns; k++) {
      RequestContext who = ALICE.withThreadId("t1").with(Pseudonymization.KEY, Pseudonymization.of(true, k % 2 == 1));
      StageContext context = new StageContext(who);
      for (int repeat = 0; repeat < 2; repeat++) { // the same turn again: every text now masked before
        StageHarness.of(stage, backend).stream(ChatCompletionRequest.of("scripted",
            conversation(k).toArray(ChatMessage[]::new)), context).collect();
        out.add(backend.requests().getLast().messages().stream().map(ChatMessage::text).toList());
        out.add(context.get(PiiAudit.KEY).orElseThrow());
      }
    }
    return out;
  }

  @Test
  void replayedPlaceholdersAndAMappingSeededOncePerVaultStateGiveWhatDetectingAndSeedingAnewGive() {
    CountingRecognizer cached = new CountingRecognizer();
    List<Object> replayed = sentAndAudited(stage(cached, 64), 6);
    List<Object> anew = sentAndAudited(stage(new CountingRecognizer(), 0, copying(MappingVaults.inMemory())), 6);
    List<Object> cachedSeededAnew = sentAndAudited(stage(new CountingRecognizer(), 64,
        copying(MappingVaults.inMemory())), 6);
    assertThat(replayed).isEqualTo(anew).isEqualTo(cachedSeededAnew);
    assertThat(replayed.toString()).doesNotContain("Clara", "clara.fischer", "1234");
    assertThat(((PiiAudit) replayed.get(7)).entries()).extracting(PiiAudit.Entry::decision) // turn 2, repeated
        .contains(PiiAudit.Decision.MASKED, PiiAudit.Decision.LEFT_OII_OFF);
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
