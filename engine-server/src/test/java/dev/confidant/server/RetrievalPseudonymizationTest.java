package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.MessageContext;
import dev.confidant.api.RequestContext;
import dev.confidant.api.UserMessage;
import dev.confidant.core.ChatEngines;
import dev.confidant.pii.Pseudonymization;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.Embedders;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.KnowledgeSources;
import dev.confidant.rag.RagOptions;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retrieval and pseudonymization together, end to end: a real engine with the {@code retrieval} stage over an
 * on-disk index holding a document with personal data, the {@code pseudonymization} stage, and a scripted model.
 *
 * <p>Retrieval (AUGMENT) runs before privacy (PRIVACY), so it searches real text and injects real passages; the
 * privacy stage then masks the injected system message like every other message. Citations are attached by the
 * retrieval stage on the way back, outside the privacy stage: the caller gets them with the real text it is
 * entitled to, and the model never sees them.
 */
class RetrievalPseudonymizationTest {
  private static final String NAME = "Anna Weber";
  private static final String EMAIL = "anna.weber@example.com";
  private static final String IBAN = "DE89 3704 0044 0532 0130 00";
  private static final String PASSAGE = "Refunds for the Lindenhof project are handled by " + NAME
      + ". Contact " + NAME + " by email at " + EMAIL + " and transfer refunds to the IBAN " + IBAN
      + ". Refunds are paid within fourteen days.";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z_]+_\\d+\\]");

  @TempDir Path data;
  private KnowledgeBase kb;
  private ScriptedModelBackend backend;
  private ChatCompletionEngine engine;

  @BeforeEach
  void setUp() {
    kb = KnowledgeBase.open(data, Embedders.allMiniLmL6V2(), RagOptions.defaults());
    kb.ensureCollection("space-a", "handbook");
    List<DocumentStatus> done = kb.ingest("space-a", "handbook", List.of(
        DocumentInput.ofText("refunds", "Refund procedure", PASSAGE),
        DocumentInput.ofText("travel", "Travel policy", "Train travel is booked in second class.")),
        event -> {}).await(Duration.ofMinutes(2));
    assertThat(done).extracting(DocumentStatus::state).containsOnly(DocumentStatus.State.INDEXED);
    // The model answers with every placeholder it was shown, in a reply split into one chunk per code point so
    // that placeholders are also split across chunks.
    backend = ScriptedModelBackend.builder()
        .recordRequests(true)
        .responder(request -> ScriptedReply.text("Ask " + String.join(" / ", placeholdersIn(request))
            + " for refunds.").splitPerCodePoint())
        .build();
    engine = ChatEngines.builder()
        .addBackend(backend).defaultBackend(backend.name())
        .option(RagOptions.KNOWLEDGE_BASE, kb)
        .build();
  }

  @AfterEach
  void tearDown() {
    engine.close();
    kb.close();
  }

  private static RequestContext caller() {
    return RequestContext.of("alice", "space-a")
        .with(Pseudonymization.KEY, Pseudonymization.of(true, false))
        .with(KnowledgeSources.KEY, KnowledgeSources.ofCollections(List.of("handbook")));
  }

  private static ChatCompletionRequest question() {
    return ChatCompletionRequest.of(null, new UserMessage("Who handles refunds for the Lindenhof project?"));
  }

  @Test
  void passagesReachTheModelMaskedAndTheReplyIsRestored() {
    ChatCompletionResponse response = engine.complete(question(), caller());

    assertThat(backend.requests()).hasSize(1);
    String modelBound = allText(backend.requests().getFirst());
    assertThat(modelBound).contains("Lindenhof project").contains("Refund procedure")
        .doesNotContain(NAME).doesNotContain("Weber").doesNotContain(EMAIL).doesNotContain(IBAN)
        .doesNotContain("DE89");
    List<String> placeholders = placeholdersIn(backend.requests().getFirst());
    assertThat(placeholders).hasSizeGreaterThanOrEqualTo(3);

    // Every placeholder the model echoed comes back as the real value.
    String reply = response.message().text();
    assertThat(reply).contains(NAME).contains(EMAIL).contains(IBAN);
    assertThat(PLACEHOLDER.matcher(reply).find()).as("placeholder left in %s", reply).isFalse();
  }

  @Test
  void citationsCarryTheRealTextForTheCaller() {
    ChatCompletionResponse response = engine.complete(question(), caller());

    MessageContext context = response.message().context();
    assertThat(context).isNotNull();
    assertThat(context.citations()).isNotEmpty();
    MessageContext.Citation first = context.citations().getFirst();
    assertThat(first.sourceId()).isEqualTo("refunds");
    assertThat(first.title()).isEqualTo("Refund procedure");
    assertThat(first.content()).isEqualTo(PASSAGE);
    assertThat(first.chunkId()).isEqualTo("refunds#0");
  }

  @Test
  void streamedRepliesAreRestoredAndCarryTheCitationsOnce() {
    StringBuilder text = new StringBuilder();
    List<MessageContext> contexts = new ArrayList<>();
    try (CompletionStream stream = engine.stream(question(), caller())) {
      for (ChatCompletionChunk chunk : stream) {
        chunk.choices().forEach(c -> {
          if (c.delta().content() != null) {
            text.append(c.delta().content());
          }
          if (c.delta().context() != null) {
            contexts.add(c.delta().context());
          }
        });
      }
    }

    assertThat(text.toString()).contains(NAME).contains(EMAIL).contains(IBAN);
    assertThat(contexts).hasSize(1);
    assertThat(contexts.getFirst().citations().getFirst().content()).contains(NAME, EMAIL, IBAN);
    assertThat(allText(backend.requests().getFirst())).doesNotContain(NAME).doesNotContain(EMAIL)
        .doesNotContain(IBAN);
  }

  private static String allText(ChatCompletionRequest request) {
    StringBuilder sb = new StringBuilder();
    for (ChatMessage m : request.messages()) {
      sb.append(m.text()).append('\n');
    }
    return sb.toString();
  }

  private static List<String> placeholdersIn(ChatCompletionRequest request) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(allText(request));
    while (m.find()) {
      found.add(m.group());
    }
    return List.copyOf(found);
  }
}
