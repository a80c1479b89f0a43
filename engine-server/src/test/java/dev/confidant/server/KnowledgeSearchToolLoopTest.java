package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.RequestContext;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.core.ChatEngines;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.Embedders;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.KnowledgeSearchTool;
import dev.confidant.rag.RagOptions;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.confidant.testkit.ScriptedToolCall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model calls {@code knowledge_search}; the tool loop runs it on a real index, scoped by the caller's space. */
class KnowledgeSearchToolLoopTest {
  @TempDir Path data;

  @Test
  void modelGetsPassagesFromTheCallersSpaceOnly() {
    try (KnowledgeBase kb = KnowledgeBase.open(data, Embedders.allMiniLmL6V2(), RagOptions.defaults())) {
      kb.ensureCollection("space-a", "docs");
      kb.ingest("space-a", "docs", List.of(
          DocumentInput.ofText("bread", "Bread", "Sourdough bread rises slowly because of wild yeast."),
          DocumentInput.ofText("tides", "Tides", "The moon's gravity causes the ocean tides.")),
          event -> {}).await(Duration.ofMinutes(2));
      kb.ensureCollection("space-b", "docs");
      kb.ingest("space-b", "docs", List.of(
          DocumentInput.ofText("secret", "Secret", "Sourdough recipe of another space.")),
          event -> {}).await(Duration.ofMinutes(2));

      ScriptedModelBackend backend = ScriptedModelBackend.of(
          ScriptedReply.toolCalls(ScriptedToolCall.of("call_1", "knowledge_search", "{\"query\": \"sourdough\"}")),
          ScriptedReply.text("It rises because of wild yeast."));
      try (ChatCompletionEngine engine = ChatEngines.builder()
          .addBackend(backend).defaultBackend(backend.name())
          .addTool(new KnowledgeSearchTool(kb, RagOptions.defaults()).asToolProvider())
          .build()) {
        ChatCompletionResponse response = engine.complete(
            ChatCompletionRequest.of(null, new UserMessage("Why does sourdough rise?")),
            RequestContext.of("alice", "space-a"));

        assertThat(response.message().text()).isEqualTo("It rises because of wild yeast.");
      }
      assertThat(backend.requests()).hasSize(2);
      assertThat(backend.requests().get(0).tools().definitions()).extracting(d -> d.name())
          .contains("knowledge_search");
      List<ChatMessage> second = backend.requests().get(1).messages();
      ToolMessage result = (ToolMessage) second.get(second.size() - 1);
      assertThat(result.toolCallId()).isEqualTo("call_1");
      assertThat(result.text()).contains("\"source_id\":\"bread\"").contains("wild yeast")
          .doesNotContain("another space");
    }
  }
}
