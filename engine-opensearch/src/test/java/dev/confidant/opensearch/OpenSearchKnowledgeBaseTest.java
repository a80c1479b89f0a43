package dev.confidant.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.confidant.api.InvalidRequestException;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.Embedder;
import dev.confidant.rag.Embedders;
import dev.confidant.rag.IngestionListener;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.KnowledgeCollection;
import dev.confidant.rag.RagOptions;
import dev.confidant.rag.SearchHit;
import dev.confidant.rag.SearchMode;
import dev.confidant.rag.SearchQuery;
import dev.confidant.testkit.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenSearch knowledge base against the real OpenSearch 2.19 that {@code .ci/run} starts, side by side with the
 * embedded Lucene knowledge base on the same documents: same statuses, same chunk ids, same BM25 and dense scores.
 * Every index of this class carries a random prefix and is deleted afterwards.
 */
class OpenSearchKnowledgeBaseTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String SPACE = "Space_A";
  private static final List<String[]> DOCS = List.of(
      new String[] {"leave", "Leave policy", "Employees receive thirty vacation days per year. Unused vacation days"
          + " expire at the end of March of the following year."},
      new String[] {"expenses", "Expense rules", "Travel expenses are reimbursed within two weeks. Keep every"
          + " receipt and submit the expense report through the portal."},
      new String[] {"security", "Security", "Laptops must be encrypted. Report a lost laptop to the security team"
          + " within one hour."},
      new String[] {"urlaub", "Urlaubsregelung", "Die Mitarbeiter erhalten dreißig Urlaubstage pro Jahr. Nicht"
          + " genommene Urlaubstage verfallen Ende März des Folgejahres."},
      new String[] {"parking", "Parking", "The parking garage opens at six in the morning; bicycles are parked"
          + " in the courtyard."});

  private static String url;
  private static String prefix;
  private static Embedder embedder;
  private static OpenSearchKnowledgeBase kb;
  private static KnowledgeBase lucene;
  @TempDir static Path dir;

  @BeforeAll
  static void open() {
    url = TestServers.openSearchUrl();
    prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
    embedder = Embedders.allMiniLmL6V2();
    kb = OpenSearchKnowledgeBase.open(OpenSearchSettings.of(url).withIndexPrefix(prefix), embedder,
        RagOptions.defaults());
    lucene = KnowledgeBase.open(dir, embedder, RagOptions.defaults());
    for (KnowledgeBase each : List.of(kb, lucene)) {
      each.createCollection(SPACE, "handbook", "Handbook");
      List<DocumentStatus> statuses = each.ingest(SPACE, "handbook", inputs(DOCS), IngestionListener.NONE)
          .await(WAIT);
      assertThat(statuses).allSatisfy(s -> assertThat(s.state()).as(s.toString())
          .isEqualTo(DocumentStatus.State.INDEXED));
    }
  }

  @AfterAll
  static void close() throws Exception {
    if (kb != null) {
      kb.close();
      lucene.close();
      HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/" + prefix + "*")).DELETE().build(),
          HttpResponse.BodyHandlers.discarding());
      HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/_search/pipeline/" + prefix
          + "hybrid")).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }
  }

  private static List<DocumentInput> inputs(List<String[]> docs) {
    List<DocumentInput> inputs = new ArrayList<>();
    for (String[] d : docs) {
      inputs.add(DocumentInput.ofText(d[0], d[1], d[2]));
    }
    return inputs;
  }

  @Test
  void statusesAndChunkIdsAreTheEmbeddedIndexs() {
    assertThat(kb.documents(SPACE, "handbook")).isEqualTo(lucene.documents(SPACE, "handbook"));
    assertThat(kb.documentStatus(SPACE, "leave")).isEqualTo(lucene.documentStatus(SPACE, "leave"));
    assertThat(kb.documentStatus(SPACE, "nothing")).isEmpty();
    List<SearchHit> hits = kb.search(SearchQuery.of(SPACE, "vacation days").withMode(SearchMode.BM25));
    assertThat(hits.getFirst().chunkId()).isEqualTo("leave#0");
    assertThat(hits.getFirst().title()).isEqualTo("Leave policy");
    assertThat(hits.getFirst().collectionId()).isEqualTo("handbook");
    assertThat(hits.getFirst().content()).startsWith("Employees receive thirty vacation days");
  }

  /**
   * The same rankings as the embedded index, and for dense retrieval the same scores. BM25 scores are on another
   * scale: OpenSearch scores with Lucene's LegacyBM25Similarity (a factor k1 + 1 = 2.2) and its statistics count
   * differently, which moves a score but not the order here; min-max fusion does not depend on the scale.
   */
  @Test
  void rankingsAndDenseScoresEqualTheEmbeddedIndexs() {
    for (String text : List.of("vacation days", "lost laptop report", "Urlaubstage verfallen",
        "wie viele Urlaubstage habe ich", "where do I park my bicycle", "receipt")) {
      for (SearchMode mode : List.of(SearchMode.BM25, SearchMode.DENSE)) {
        List<SearchHit> expected = lucene.search(SearchQuery.of(SPACE, text).withMode(mode).withK(3));
        List<SearchHit> actual = kb.search(SearchQuery.of(SPACE, text).withMode(mode).withK(3));
        assertThat(actual).as(mode + " " + text).extracting(SearchHit::chunkId)
            .isEqualTo(expected.stream().map(SearchHit::chunkId).toList());
        if (mode == SearchMode.DENSE) {
          for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).score()).as(mode + " " + text + " #" + i)
                .isCloseTo(expected.get(i).score(), within(1e-4));
          }
        }
      }
    }
  }

  @Test
  void hybridRanksTheAnswerFirstAndScopesToCollectionsAndSources() {
    List<SearchHit> hybrid = kb.search(SearchQuery.of(SPACE, "how many vacation days do employees get"));
    assertThat(hybrid.getFirst().sourceId()).isEqualTo("leave");
    assertThat(hybrid).allSatisfy(h -> assertThat(h.score()).isBetween(0.0, 1.0));
    assertThat(kb.search(SearchQuery.of(SPACE, "vacation days").withSources(List.of("parking"))))
        .extracting(SearchHit::sourceId).containsOnly("parking");
    assertThat(kb.search(SearchQuery.of(SPACE, "vacation days").withCollections(List.of("other")))).isEmpty();
    assertThat(kb.searchFiles(SPACE, List.of("expenses"), "receipt", 5)).extracting(r -> r.sourceId())
        .containsExactly("expenses");
  }

  @Test
  void spacesAreIsolatedEvenWhenTheyDifferOnlyInCase() {
    assertThat(kb.indexOf("Space_A")).isNotEqualTo(kb.indexOf("space_a"));
    assertThat(kb.search(SearchQuery.of("space_a", "vacation days"))).isEmpty();
    assertThat(kb.collections("space_a")).isEmpty();
    assertThat(kb.documents("space_a", "handbook")).isEmpty();
    assertThatThrownBy(() -> kb.search(SearchQuery.of("../x", "vacation"))).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void collectionsAreCreatedRenamedAndDeletedWithTheirDocuments() {
    String space = "lifecycle";
    KnowledgeCollection created = kb.createCollection(space, "c1", "First");
    assertThatThrownBy(() -> kb.createCollection(space, "c1", "Again")).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("already exists");
    assertThat(kb.ensureCollection(space, "c1")).isEqualTo(created);
    assertThat(kb.ensureCollection(space, "c2").name()).isEqualTo("c2");
    assertThat(kb.renameCollection(space, "c1", "Renamed").name()).isEqualTo("Renamed");
    assertThat(kb.collections(space)).extracting(KnowledgeCollection::name).containsExactly("Renamed", "c2");
    assertThatThrownBy(() -> kb.ingest(space, "missing", inputs(DOCS), IngestionListener.NONE))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not found");

    kb.ingest(space, "c1", inputs(DOCS.subList(0, 2)), IngestionListener.NONE).await(WAIT);
    kb.ingest(space, "c2", inputs(DOCS.subList(2, 3)), IngestionListener.NONE).await(WAIT);
    assertThat(kb.deleteCollection(space, "c1")).isTrue();
    assertThat(kb.deleteCollection(space, "c1")).isFalse();
    assertThat(kb.collections(space)).extracting(KnowledgeCollection::id).containsExactly("c2");
    assertThat(kb.documents(space, "c1")).isEmpty();
    assertThat(kb.search(SearchQuery.of(space, "vacation days expense laptop"))).extracting(SearchHit::sourceId)
        .containsOnly("security");
  }

  @Test
  void aShorterVersionReplacesTheLongerOneAndRemovalDeletesEverything() {
    String space = "versions";
    kb.createCollection(space, "c", "C");
    RagOptions small = RagOptions.defaults();
    StringBuilder longText = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      longText.append("Paragraph ").append(i).append(" talks about quarterly revenue and budgets. ");
    }
    DocumentStatus first = kb.ingest(space, "c", List.of(DocumentInput.ofText("report", "Report",
        longText.toString())), IngestionListener.NONE).await(WAIT).getFirst();
    assertThat(first.chunks()).as("a long text is several chunks with " + small).isGreaterThan(1);
    DocumentStatus second = kb.ingest(space, "c", List.of(DocumentInput.ofText("report", "Report",
        "Only one line about quarterly revenue.")), IngestionListener.NONE).await(WAIT).getFirst();
    assertThat(second.chunks()).isEqualTo(1);
    assertThat(kb.search(SearchQuery.of(space, "quarterly revenue").withMode(SearchMode.BM25).withK(50)))
        .extracting(SearchHit::chunkId).containsExactly("report#0");

    DocumentStatus failed = kb.ingest(space, "c", List.of(DocumentInput.ofText("empty", "Empty", "   ")),
        IngestionListener.NONE).await(WAIT).getFirst();
    assertThat(failed.state()).isEqualTo(DocumentStatus.State.FAILED);
    assertThat(kb.documentStatus(space, "empty")).contains(failed);

    assertThat(kb.removeDocument(space, "report")).isTrue();
    assertThat(kb.removeDocument(space, "empty")).isTrue();
    assertThat(kb.removeDocument(space, "report")).isFalse();
    assertThat(kb.documents(space, "c")).isEmpty();
    assertThat(kb.search(SearchQuery.of(space, "quarterly revenue"))).isEmpty();
  }

  @Test
  void aSecondNodeSeesWhatTheFirstIngested() {
    try (OpenSearchKnowledgeBase other = OpenSearchKnowledgeBase.open(
        OpenSearchSettings.of(url).withIndexPrefix(prefix), embedder, RagOptions.defaults())) {
      assertThat(other.collections(SPACE)).extracting(KnowledgeCollection::id).containsExactly("handbook");
      assertThat(other.search(SearchQuery.of(SPACE, "lost laptop")).getFirst().chunkId()).isEqualTo("security#0");
    }
  }
}
