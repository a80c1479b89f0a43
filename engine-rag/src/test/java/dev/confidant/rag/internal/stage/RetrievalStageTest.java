package dev.confidant.rag.internal.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.MessageContext;
import dev.confidant.api.RequestContext;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageContext;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.HashingEmbedder;
import dev.confidant.rag.IngestionListener;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.KnowledgeSources;
import dev.confidant.rag.RagOptions;
import dev.confidant.rag.SearchHit;
import dev.confidant.testkit.AbstractPipelineStageContractTest;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.confidant.testkit.StageHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The testkit's stage contract with retrieval active on every request, plus the stage's own behaviour. */
class RetrievalStageTest extends AbstractPipelineStageContractTest {
  @TempDir Path dir;
  private KnowledgeBase kb;
  private RagOptions options = RagOptions.defaults();

  @BeforeEach
  void fill() {
    kb = KnowledgeBase.open(dir, new HashingEmbedder(), RagOptions.defaults());
    kb.createCollection("space1", "handbook", "Handbook");
    kb.createCollection("space2", "other", "Other");
    kb.ingest("space1", "handbook", List.of(
        DocumentInput.ofText("leave", "Leave policy", "Employees get thirty days of paid leave per year."),
        DocumentInput.ofText("travel", "Travel policy", "Trains are second class; flights need approval.")),
        IngestionListener.NONE).await(Duration.ofSeconds(60));
    kb.ingest("space2", "other", List.of(DocumentInput.ofText("secret", "Secret", "Paid leave is unlimited here.")),
        IngestionListener.NONE).await(Duration.ofSeconds(60));
  }

  @AfterEach
  void closeKb() {
    kb.close();
  }

  @Override
  protected PipelineStage stage() {
    return new RetrievalStage(kb, options);
  }

  /** Hybrid retrieval always finds a nearest neighbour, so every contract test runs the injecting path. */
  @Override
  protected StageContext context() {
    return new StageContext(RequestContext.of("alice", "space1").with(KnowledgeSources.KEY, KnowledgeSources.ofCollections(List.of("handbook"))));
  }

  private ChatCompletionResponse ask(RequestContext caller, ScriptedModelBackend backend, ChatMessage... messages) {
    return StageHarness.of(stage(), backend)
        .stream(ChatCompletionRequest.of(ScriptedModelBackend.NAME, messages), new StageContext(caller))
        .collect();
  }

  private static RequestContext handbook() {
    return RequestContext.of("alice", "space1").with(KnowledgeSources.KEY, KnowledgeSources.ofCollections(List.of("handbook")));
  }

  @Test
  void passagesAreInjectedAfterTheCallersInstructionsAndCitedInTheResponse() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("Thirty days [1]."));

    ChatCompletionResponse response = ask(handbook(), backend, new SystemMessage("Be brief."),
        new UserMessage("How many days of paid leave do I get?"));

    List<ChatMessage> sent = backend.lastRequest().orElseThrow().messages();
    assertThat(sent).hasSize(3);
    assertThat(sent.get(0)).isEqualTo(new SystemMessage("Be brief."));
    String injected = ((SystemMessage) sent.get(1)).content().text();
    assertThat(injected).startsWith(ContextInjector.PREAMBLE).contains("[1] Leave policy\n"
        + "Employees get thirty days of paid leave per year.");
    MessageContext context = response.message().context();
    assertThat(context).isNotNull();
    MessageContext.Citation first = context.citations().getFirst();
    assertThat(first.sourceId()).isEqualTo("leave");
    assertThat(first.chunkId()).isEqualTo("leave#0");
    assertThat(first.title()).isEqualTo("Leave policy");
    assertThat(first.content()).isEqualTo("Employees get thirty days of paid leave per year.");
    assertThat(first.score()).isPositive();
    assertThat(response.message().content().text()).isEqualTo("Thirty days [1].");
  }

  @Test
  void citationsStreamOnceOnTheFirstDelta() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("Thirty days.").splitEvery(2));
    List<ChatCompletionChunk> chunks = StageHarness.of(stage(), backend)
        .stream(ChatCompletionRequest.of(ScriptedModelBackend.NAME, new UserMessage("paid leave days")),
            new StageContext(handbook()))
        .drain();

    List<Integer> withContext = new java.util.ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      if (chunks.get(i).choices().stream().anyMatch(c -> c.delta().context() != null)) {
        withContext.add(i);
      }
    }
    assertThat(withContext).containsExactly(0);
  }

  @Test
  void requestsWithoutCollectionsOrFilesPassThroughUnchanged() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("ok"));
    ChatCompletionRequest request = ChatCompletionRequest.of(ScriptedModelBackend.NAME, new UserMessage("leave?"));

    ChatCompletionResponse response = StageHarness.of(stage(), backend)
        .stream(request, new StageContext(RequestContext.of("alice", "space1"))).collect();

    assertThat(backend.lastRequest()).contains(request);
    assertThat(response.message().context()).isNull();
  }

  @Test
  void anotherSpacesCollectionsAreNeverSearched() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("ok"));
    // Collection "other" exists, but in space2; the request is scoped to space1.
    RequestContext caller = RequestContext.of("alice", "space1").with(KnowledgeSources.KEY, KnowledgeSources.ofCollections(List.of("other")));

    ChatCompletionResponse response = ask(caller, backend, new UserMessage("Is paid leave unlimited?"));

    assertThat(backend.lastRequest().orElseThrow().messages()).hasSize(1);
    assertThat(response.message().context()).isNull();
  }

  @Test
  void uploadedFilesAreSearchedByTheirSourceIds() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("ok"));
    RequestContext caller = RequestContext.of("alice", "space1").with(KnowledgeSources.KEY, new KnowledgeSources(List.of(), List.of("travel")));

    ChatCompletionResponse response = ask(caller, backend, new UserMessage("paid leave"));

    assertThat(response.message().context().citations()).extracting(MessageContext.Citation::sourceId)
        .containsExactly("travel");
  }

  @Test
  void passagesStayWithinTheTokenBudget() {
    options = RagOptions.defaults().withContextTokenBudget(ContextInjector.tokens(ContextInjector.PREAMBLE) + 20);
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("ok"));

    ChatCompletionResponse response = ask(handbook(), backend, new UserMessage("paid leave days per year"));

    assertThat(response.message().context().citations()).hasSize(1);
    String injected = ((SystemMessage) backend.lastRequest().orElseThrow().messages().getFirst()).content().text();
    assertThat(ContextInjector.tokens(injected)).isLessThanOrEqualTo(options.contextTokenBudget() + 1);
  }

  @Test
  void aPassageLargerThanTheWholeBudgetIsCutToFit() {
    SearchHit big = new SearchHit("s", "s#0", "c", "Title", "word ".repeat(1000).strip(), null, 1.0);
    int budget = ContextInjector.tokens(ContextInjector.PREAMBLE) + 100;

    List<SearchHit> chosen = ContextInjector.withinBudget(List.of(big), budget);

    assertThat(chosen).hasSize(1);
    assertThat(chosen.getFirst().content()).endsWith("word…");
    assertThat(ContextInjector.tokens(ContextInjector.PREAMBLE)
        + ContextInjector.tokens(ContextInjector.render(1, chosen.getFirst()))).isLessThanOrEqualTo(budget);
    assertThat(ContextInjector.withinBudget(List.of(big), ContextInjector.tokens(ContextInjector.PREAMBLE) + 5))
        .isEmpty();
  }

  @Test
  void aShortFollowUpIsSearchedWithTheQuestionBeforeIt() {
    String query = ConversationQuery.of(List.of(new UserMessage("What is the travel policy for trains?"),
        new AssistantMessage("Second class."), new UserMessage("And flights?")));

    assertThat(query).isEqualTo("What is the travel policy for trains?\nAnd flights?");
    assertThat(ConversationQuery.of(List.of(new UserMessage("a long enough question about the leave policy"))))
        .isEqualTo("a long enough question about the leave policy");
    assertThat(ConversationQuery.of(List.of(new SystemMessage("no user")))).isEmpty();
  }
}
