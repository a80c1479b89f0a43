package dev.confidant.rag.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.HashingEmbedder;
import dev.confidant.rag.IngestionListener;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.RagOptions;
import dev.confidant.rag.internal.LuceneKnowledgeBase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.lucene.search.TermInSetQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrieverTest {
  @TempDir Path dir;
  private LuceneKnowledgeBase kb;

  @BeforeEach
  void open() {
    kb = (LuceneKnowledgeBase) KnowledgeBase.open(dir, new HashingEmbedder(), RagOptions.defaults());
    kb.createCollection("s", "c", "C");
  }

  @AfterEach
  void close() {
    kb.close();
  }

  private void ingest(String id, String text) {
    kb.ingest("s", "c", List.of(DocumentInput.ofText(id, "", text)), IngestionListener.NONE)
        .await(Duration.ofSeconds(60));
  }

  private List<String> fields(String query) {
    return kb.space("s").read(searcher -> Retriever.lexicalFields(searcher.getIndexReader(), query));
  }

  @Test
  void anEnglishOnlyIndexIsSearchedInTheEnglishFieldOnly() {
    ingest("en", "The houses of the town are very old and they are kept by the council.");

    assertThat(fields("Häuser der Stadt")).containsExactly(Fields.TEXT_EN);
    assertThat(fields("houses")).containsExactly(Fields.TEXT_EN);
  }

  @Test
  void aMixedIndexIsSearchedInTheQueryLanguageOrInBothWithoutASignal() {
    ingest("en", "The houses of the town are very old and they are kept by the council.");
    ingest("de", "Die Häuser der Stadt sind sehr alt und werden von der Gemeinde gepflegt.");

    assertThat(fields("how old are the houses")).containsExactly(Fields.TEXT_EN);
    assertThat(fields("wie alt sind die Häuser")).containsExactly(Fields.TEXT_DE);
    assertThat(fields("Häuser houses")).containsExactly(Fields.TEXT_EN, Fields.TEXT_DE);
  }

  @Test
  void withoutAScopeThereIsNoFilterAndAScopeIsOneClausePerKind() {
    assertThat(Retriever.filter(List.of(), List.of())).isNull();
    assertThat(Retriever.filter(List.of("c"), List.of())).isInstanceOf(TermInSetQuery.class);
    assertThat(Retriever.filter(List.of("c"), List.of("d")).toString()).contains("collection_id")
        .contains("source_id");
  }
}
