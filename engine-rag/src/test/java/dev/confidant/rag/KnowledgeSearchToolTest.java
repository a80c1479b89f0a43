package dev.confidant.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.RequestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeSearchToolTest {
  @TempDir Path dir;

  @Test
  void searchesTheCallersSpaceAndReturnsJsonResults() throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(dir, new HashingEmbedder(), RagOptions.defaults())) {
      kb.createCollection("s1", "c", "C");
      kb.createCollection("s2", "c", "C");
      kb.ingest("s1", "c", List.of(DocumentInput.ofText("mine", "Wifi", "The wifi password is on the fridge.")),
          IngestionListener.NONE).await(Duration.ofSeconds(30));
      kb.ingest("s2", "c", List.of(DocumentInput.ofText("theirs", "Wifi", "Their wifi password is secret.")),
          IngestionListener.NONE).await(Duration.ofSeconds(30));
      KnowledgeSearchTool tool = new KnowledgeSearchTool(kb, RagOptions.defaults().withMode(SearchMode.BM25));

      JsonNode result = new ObjectMapper().readTree(
          tool.execute("{\"query\":\"wifi password\",\"k\":3}", RequestContext.of("bob", "s1")));

      assertThat(tool.definition().name()).isEqualTo("knowledge_search");
      assertThat(new ObjectMapper().readTree(tool.definition().parameters().json()).path("required").get(0).asText())
          .isEqualTo("query");
      assertThat(result.path("results")).hasSize(1);
      JsonNode hit = result.path("results").get(0);
      assertThat(hit.path("source_id").asText()).isEqualTo("mine");
      assertThat(hit.path("chunk_id").asText()).isEqualTo("mine#0");
      assertThat(hit.path("content").asText()).isEqualTo("The wifi password is on the fridge.");
      assertThat(hit.path("score").asDouble()).isPositive();
      assertThatThrownBy(() -> tool.execute("{\"k\":3}", RequestContext.of("bob", "s1")))
          .isInstanceOf(InvalidRequestException.class).hasMessageContaining("query");
      assertThatThrownBy(() -> tool.execute("not json", RequestContext.of("bob", "s1")))
          .isInstanceOf(InvalidRequestException.class);
    }
  }

  @Test
  void requestsWithoutASpaceUseThePersonalSpace() {
    assertThat(KnowledgeBase.spaceOf(RequestContext.of("bob", null))).isEqualTo("personal_bob");
    assertThat(KnowledgeBase.spaceOf(RequestContext.of("bob@example.com", null)))
        .startsWith("personal_bob_example_com_").matches("[A-Za-z0-9._-]+");
    assertThat(KnowledgeBase.uploadCollectionOf(RequestContext.of("bob", "s").withThreadId("t1")))
        .isEqualTo("files_t1");
  }
}
