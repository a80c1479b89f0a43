package dev.confidant.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.RequestContext;
import dev.confidant.api.SystemMessage;
import dev.confidant.core.ChatEngines;
import dev.confidant.pii.Pseudonymization;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.Embedder;
import dev.confidant.rag.IngestionListener;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.KnowledgeSources;
import dev.confidant.rag.RagOptions;
import dev.confidant.rag.SearchMode;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AiServices interface with memory over an engine that both retrieves (a real Lucene index on disk, keyword
 * ranking) and pseudonymizes: the model gets the passage and placeholders, the caller gets the passage's fact and
 * the real name.
 */
class RetrievalUnderAiServicesTest {
  private static final Pattern NAME = Pattern.compile("\\[NAME_\\d+]");

  interface HrDesk {
    String ask(@MemoryId String employee, @dev.langchain4j.service.UserMessage String question);
  }

  /** BM25 ranking never asks it; the index still stores one vector per chunk. */
  private static final class ConstantEmbedder implements Embedder {
    @Override
    public String name() {
      return "constant-test";
    }

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      return texts.stream().map(t -> new float[] {1, 0}).toList();
    }
  }

  /** Answers with the top passage's first sentence, addressed to the placeholder it was shown. */
  private static ScriptedReply fromThePassage(ChatCompletionRequest request) {
    String passages = request.messages().stream().filter(m -> m instanceof SystemMessage).map(ChatMessage::text)
        .reduce("", String::concat);
    Matcher top = Pattern.compile("\\[1] [^\\n]*\\n([^.]*\\.)").matcher(passages);
    Matcher name = NAME.matcher(request.messages().get(request.messages().size() - 1).text());
    return ScriptedReply.text((name.find() ? name.group() + ": " : "")
        + (top.find() ? top.group(1) : "I do not know."));
  }

  @Test
  void theModelAnswersFromThePassageAndNeverSeesTheName(@TempDir Path dir) {
    RagOptions options = RagOptions.defaults().withMode(SearchMode.BM25);
    try (KnowledgeBase kb = KnowledgeBase.open(dir, new ConstantEmbedder(), options)) {
      kb.createCollection("hr", "handbook", "Handbook");
      kb.ingest("hr", "handbook", List.of(
          DocumentInput.ofText("leave", "Leave policy", "Employees get thirty days of paid leave per year."),
          DocumentInput.ofText("travel", "Travel policy", "Trains are second class; flights need approval.")),
          IngestionListener.NONE).await(Duration.ofSeconds(60));
      ScriptedModelBackend model = ScriptedModelBackend.builder()
          .responder(RetrievalUnderAiServicesTest::fromThePassage).build();
      try (ChatCompletionEngine engine = ChatEngines.builder().addBackend(model).defaultBackend(model.name())
          .option(RagOptions.KNOWLEDGE_BASE, kb).option(RagOptions.KEY, options).build()) {
        RequestContext caller = RequestContext.of("alice", "hr")
            .with(KnowledgeSources.KEY, KnowledgeSources.ofCollections(List.of("handbook")))
            // names only: with OII on, "Leave" was masked as [ORG_1]
            .with(Pseudonymization.KEY, Pseudonymization.of(true, false));
        HrDesk desk = AiServices.builder(HrDesk.class)
            .chatModel(ConfidantChatModel.builder(engine).context(caller).build())
            .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(10))
            .build();

        assertThat(desk.ask("jane", "I am Jane Miller. How many days of paid leave do I get?"))
            .isEqualTo("Jane Miller: Employees get thirty days of paid leave per year.");
        assertThat(desk.ask("jane", "Can I travel by train? Thanks, Jane Miller"))
            .isEqualTo("Jane Miller: Trains are second class; flights need approval.");

        List<ChatCompletionRequest> seen = model.requests();
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).messages()).anySatisfy(m -> assertThat(m.text())
            .contains("[1] Leave policy").contains("thirty days of paid leave"));
        assertThat(seen.get(1).messages()).as("memory replayed the first exchange")
            .anySatisfy(m -> assertThat(m.text())
                .isEqualTo("[NAME_1]: Employees get thirty days of paid leave per year."))
            .anySatisfy(m -> assertThat(m.text()).contains("[1] Travel policy"));
        for (ChatCompletionRequest request : seen) {
          assertThat(request.messages()).allSatisfy(m -> assertThat(m.text()).doesNotContain("Jane Miller"));
        }
      }
    }
  }
}
