package dev.confidant.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.InvalidRequestException;
import dev.confidant.rag.internal.LuceneKnowledgeBase;
import dev.confidant.rag.internal.ingest.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private KnowledgeBase kb;

  @BeforeEach
  void open() {
    kb = KnowledgeBase.open(dir, new HashingEmbedder(), RagOptions.defaults());
  }

  @AfterEach
  void close() {
    kb.close();
  }

  private void reopen() {
    kb.close();
    kb = KnowledgeBase.open(dir, new HashingEmbedder(), RagOptions.defaults());
  }

  private List<DocumentStatus> ingestTexts(String space, String collection, String... idTitleText) {
    List<DocumentInput> docs = new java.util.ArrayList<>();
    for (int i = 0; i < idTitleText.length; i += 3) {
      docs.add(DocumentInput.ofText(idTitleText[i], idTitleText[i + 1], idTitleText[i + 2]));
    }
    return kb.ingest(space, collection, docs, IngestionListener.NONE).await(WAIT);
  }

  private List<String> bm25(String space, String query) {
    return kb.search(SearchQuery.of(space, query).withMode(SearchMode.BM25)).stream()
        .map(SearchHit::sourceId).toList();
  }

  @Test
  void collectionsAreCreatedListedRenamedAndDeletedDurably() {
    KnowledgeCollection a = kb.createCollection("s1", "handbook", "Handbook");
    KnowledgeCollection b = kb.createCollection("s1", "Generated");
    kb.renameCollection("s1", "handbook", "Employee handbook");
    reopen();
    for (SearchMode mode : SearchMode.values()) {
      assertThat(kb.search(SearchQuery.of("s1", "anything").withMode(mode))).as("empty space, " + mode).isEmpty();
    }

    assertThat(kb.collections("s1")).extracting(KnowledgeCollection::id)
        .containsExactlyInAnyOrder(a.id(), b.id());
    assertThat(kb.collection("s1", "handbook")).map(KnowledgeCollection::name).contains("Employee handbook");
    assertThat(kb.deleteCollection("s1", "handbook")).isTrue();
    assertThat(kb.deleteCollection("s1", "handbook")).isFalse();
    reopen();
    assertThat(kb.collections("s1")).extracting(KnowledgeCollection::id).containsExactly(b.id());
  }

  @Test
  void duplicateCollectionIdsAndBadIdsAreRejected() {
    kb.createCollection("s1", "c", "C");
    assertThatThrownBy(() -> kb.createCollection("s1", "c", "again"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("already exists");
    assertThatThrownBy(() -> kb.createCollection("../etc", "c", "x"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("space_id '../etc' is invalid");
    assertThatThrownBy(() -> kb.renameCollection("s1", "missing", "x"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("collection 'missing' not found");
  }

  @Test
  void ingestedDocumentsAreSearchableAndSurviveReopening() {
    kb.createCollection("s1", "c", "C");
    List<DocumentStatus> statuses = ingestTexts("s1", "c",
        "d1", "Cats", "Cats purr when they are content.",
        "d2", "Dogs", "Dogs bark at the postman.");
    assertThat(statuses).allSatisfy(s -> assertThat(s.state()).isEqualTo(DocumentStatus.State.INDEXED));
    reopen();

    assertThat(bm25("s1", "why do cats purr")).first().isEqualTo("d1");
    assertThat(kb.documents("s1", "c")).extracting(DocumentStatus::sourceId).containsExactly("d1", "d2");
    assertThat(kb.documentStatus("s1", "d2")).map(DocumentStatus::chunks).contains(1);
  }

  @Test
  void onlyTheRequestedSpaceIsSearched() {
    kb.createCollection("s1", "c", "C");
    kb.createCollection("s2", "c", "C");
    ingestTexts("s1", "c", "a", "", "The secret recipe uses saffron.");
    ingestTexts("s2", "c", "b", "", "Saffron is expensive.");

    assertThat(bm25("s1", "saffron")).containsExactly("a");
    assertThat(bm25("s2", "saffron")).containsExactly("b");
    assertThat(bm25("s3", "saffron")).isEmpty();
    assertThat(kb.search(SearchQuery.of("s2", "saffron").withCollections(List.of("c")))).extracting(
        SearchHit::sourceId).containsExactly("b");
  }

  @Test
  void collectionAndSourceFiltersRestrictResults() {
    kb.createCollection("s", "c1", "1");
    kb.createCollection("s", "c2", "2");
    ingestTexts("s", "c1", "x", "", "Solar panels on the roof.");
    ingestTexts("s", "c2", "y", "", "Solar power in winter.", "z", "", "Solar eclipses are rare.");

    assertThat(kb.search(SearchQuery.of("s", "solar").withCollections(List.of("c1")))).extracting(
        SearchHit::sourceId).containsExactly("x");
    assertThat(kb.search(SearchQuery.of("s", "solar").withSources(List.of("z")))).extracting(
        SearchHit::sourceId).containsExactly("z");
    assertThat(kb.search(SearchQuery.of("s", "solar").withCollections(List.of("c1")).withSources(List.of("z"))))
        .extracting(SearchHit::sourceId).containsExactlyInAnyOrder("x", "z");
    assertThat(kb.search(SearchQuery.of("s", "solar").withMode(SearchMode.BM25).withMinScore(1000))).isEmpty();
    assertThat(kb.search(SearchQuery.of("s", "solar").withK(2))).hasSize(2);
  }

  @Test
  void deletesAreRealDeletes() {
    kb.createCollection("s", "c", "C");
    kb.createCollection("s", "keep", "K");
    ingestTexts("s", "c", "gone", "", "Zanzibar spices.", "gone2", "", "More zanzibar.");
    ingestTexts("s", "keep", "kept", "", "Zanzibar beaches.");

    assertThat(kb.removeDocument("s", "gone2")).isTrue();
    assertThat(kb.removeDocument("s", "gone2")).isFalse();
    assertThat(kb.deleteCollection("s", "c")).isTrue();
    reopen();

    assertThat(bm25("s", "zanzibar")).containsExactly("kept");
    assertThat(kb.documentStatus("s", "gone")).isEmpty();
    var stats = ((LuceneKnowledgeBase) kb).space("s").stats();
    // No tombstones: the deleted documents were merged out of the segments, not just marked deleted.
    assertThat(stats.get("maxDoc")).isEqualTo(stats.get("numDocs"));
  }

  @Test
  void reingestingASourceReplacesIt() {
    kb.createCollection("s", "c", "C");
    ingestTexts("s", "c", "d", "", "Old text about apples.");
    ingestTexts("s", "c", "d", "", "New text about pears.");

    assertThat(bm25("s", "apples")).isEmpty();
    assertThat(bm25("s", "pears")).containsExactly("d");
  }

  @Test
  void germanAndEnglishAreStemmedByTheirOwnRules() {
    kb.createCollection("s", "c", "C");
    ingestTexts("s", "c",
        "de", "", "Die Häuser der Stadt sind sehr alt und werden von der Gemeinde gepflegt.",
        "en", "", "The houses of the town are very old and they are kept by the council.");

    assertThat(bm25("s", "Haus")).containsExactly("de");
    assertThat(bm25("s", "house")).containsExactly("en");
  }

  @Test
  void filesOfEveryFormatAreIngestedWithStatusesAndProgress() throws IOException {
    kb.createCollection("s", "files", "Files");
    Path pdf = Files.write(dir.resolve("astro.pdf"), TestFiles.pdf());
    Path docx = Files.write(dir.resolve("travel.docx"), TestFiles.docx());
    Path md = Files.writeString(dir.resolve("guide.md"), "# Guide\n\nQuokkas live on Rottnest.");
    Path broken = Files.writeString(dir.resolve("broken.json"), "{not json");
    List<IngestionEvent> events = new CopyOnWriteArrayList<>();

    IngestionJob job = kb.ingest("s", "files", List.of(DocumentInput.ofFile(pdf), DocumentInput.ofFile(docx),
        DocumentInput.ofFile(md), DocumentInput.ofFile(broken),
        new DocumentInput.BytesInput("staff.xlsx", DocumentFormat.XLSX, TestFiles.xlsx(), "staff")), events::add);
    List<DocumentStatus> done = job.await(WAIT);

    assertThat(done).extracting(DocumentStatus::state).containsExactly(DocumentStatus.State.INDEXED,
        DocumentStatus.State.INDEXED, DocumentStatus.State.INDEXED, DocumentStatus.State.FAILED,
        DocumentStatus.State.INDEXED);
    assertThat(done.get(3).reason()).startsWith("cannot read broken.json as JSON");
    assertThat(kb.documentStatus("s", job.sourceIds().get(3))).map(DocumentStatus::state)
        .contains(DocumentStatus.State.FAILED);
    assertThat(events).hasSize(5);
    assertThat(events).extracting(IngestionEvent::done).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    assertThat(events).allSatisfy(e -> assertThat(e.total()).isEqualTo(5));

    SearchHit sun = kb.search(SearchQuery.of("s", "which star is the sun").withMode(SearchMode.BM25)).getFirst();
    assertThat(sun.sourceId()).isEqualTo(job.sourceIds().getFirst());
    assertThat(sun.page()).isEqualTo(2);
    assertThat(sun.title()).isEqualTo("Astronomy notes");
    assertThat(sun.chunkId()).isEqualTo(sun.sourceId() + "#1");
    assertThat(bm25("s", "Grace Vienna")).first().isEqualTo("staff");
    assertThat(kb.search(SearchQuery.of("s", "quokkas").withMode(SearchMode.BM25)).getFirst().title())
        .isEqualTo("Guide > Guide");
  }

  @Test
  void sizeLimitsAndUnknownFormatsFailBeforeWorkStarts() throws IOException {
    kb.close();
    kb = KnowledgeBase.open(dir, new HashingEmbedder(), RagOptions.defaults().withMaxDocumentBytes(100));
    kb.createCollection("s", "c", "C");
    Path big = Files.writeString(dir.resolve("big.txt"), "x".repeat(101));
    Path zip = Files.writeString(dir.resolve("a.zip"), "zip");
    Path small = Files.writeString(dir.resolve("small.txt"), "small text");

    assertThatThrownBy(() -> kb.ingest("s", "c", List.of(DocumentInput.ofFile(small), DocumentInput.ofFile(big),
        DocumentInput.ofFile(zip), DocumentInput.ofFile(dir.resolve("missing.txt"))), IngestionListener.NONE))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.violations()).hasSize(3);
          assertThat(e.getMessage()).contains("'big.txt' is 101 bytes; the limit is 100 bytes")
              .contains("file 'a.zip' has an unsupported type").contains("missing.txt' cannot be read");
        });
    // Nothing was queued, not even the valid file.
    assertThat(kb.documents("s", "c")).isEmpty();
    assertThatThrownBy(() -> kb.ingest("s", "nope", List.of(DocumentInput.ofFile(small)), IngestionListener.NONE))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("collection 'nope' not found");
  }

  @Test
  void searchFilesHasTheSemanticsOfTheFilesSearchEndpoint() {
    kb.createCollection("s", "files_t1", "uploads");
    ingestTexts("s", "files_t1", "src_1", "a.txt", "Invoices are due in thirty days.",
        "src_2", "b.txt", "Invoices must show the VAT number.");

    List<FileSearchResult> results = kb.searchFiles("s", List.of("src_2"), "invoice VAT", 5);

    assertThat(results).extracting(FileSearchResult::sourceId).containsExactly("src_2");
    assertThat(results.getFirst().content()).isEqualTo("Invoices must show the VAT number.");
    assertThat(kb.searchFiles("s", List.of(), "invoice", 5)).isEmpty();
  }

  @Test
  void uploadsGoToTheCallersThreadCollectionAndAreSearchableByTheirSourceIds() {
    var caller = dev.confidant.api.RequestContext.of("alice", "s").withThreadId("thread-9");
    IngestionJob job = kb.upload(caller, List.of(new DocumentInput.BytesInput("memo.md", DocumentFormat.MD,
        "# Memo\n\nThe office closes at noon on Friday.".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        null)), IngestionListener.NONE);
    job.await(WAIT);
    String sourceId = job.sourceIds().getFirst();

    assertThat(sourceId).startsWith("src_");
    assertThat(kb.collection("s", "files_thread-9")).isPresent();
    assertThat(kb.searchFiles("s", List.of(sourceId), "when does the office close", 3))
        .extracting(FileSearchResult::content).containsExactly("The office closes at noon on Friday.");
  }

  @Test
  void denseAndHybridModesRankByVectorsAndFusion() {
    kb.createCollection("s", "c", "C");
    ingestTexts("s", "c", "a", "", "alpha beta gamma", "b", "", "delta epsilon", "c", "", "alpha delta");

    assertThat(kb.search(SearchQuery.of("s", "alpha beta gamma").withMode(SearchMode.DENSE)).getFirst().sourceId())
        .isEqualTo("a");
    List<SearchHit> hybrid = kb.search(SearchQuery.of("s", "alpha beta").withMode(SearchMode.HYBRID));
    assertThat(hybrid.getFirst().sourceId()).isEqualTo("a");
    // First in both lists: the top normalised score of each, weighted 0.5 + 0.5.
    assertThat(hybrid.getFirst().score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void aCollectionDeletedDuringIngestionDoesNotGetItsDocumentsBack() throws Exception {
    kb.close();
    java.util.concurrent.CountDownLatch firstBatchEmbedded = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch deleted = new java.util.concurrent.CountDownLatch(1);
    HashingEmbedder hashing = new HashingEmbedder();
    Embedder gated = new Embedder() {
      @Override public String name() {
        return hashing.name();
      }

      @Override public int dimension() {
        return hashing.dimension();
      }

      @Override public List<float[]> embed(List<String> texts) {
        firstBatchEmbedded.countDown();
        try {
          deleted.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return hashing.embed(texts);
      }
    };
    kb = KnowledgeBase.open(dir, gated, RagOptions.defaults().withCommitBatchDocuments(1));
    kb.createCollection("s", "c", "C");
    IngestionJob job = kb.ingest("s", "c", List.of(DocumentInput.ofText("a", "", "alpha"),
        DocumentInput.ofText("b", "", "beta")), IngestionListener.NONE);

    assertThat(firstBatchEmbedded.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(kb.deleteCollection("s", "c")).isTrue();
    deleted.countDown();
    List<DocumentStatus> statuses = job.await(WAIT);

    assertThat(statuses).allSatisfy(st -> {
      assertThat(st.state()).isEqualTo(DocumentStatus.State.FAILED);
      assertThat(st.reason()).contains("collection 'c' was deleted");
    });
    assertThat(kb.search(SearchQuery.of("s", "alpha beta").withMode(SearchMode.BM25))).isEmpty();
  }

  @Test
  void searchesRunConcurrentlyWithIngestionAndSeeOnlyWholeDocuments() throws Exception {
    kb.createCollection("s", "c", "C");
    List<DocumentInput> docs = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      docs.add(DocumentInput.ofText("d" + i, "", ("common word " + i + ". ").repeat(120)));
    }
    kb.close();
    kb = KnowledgeBase.open(dir, new HashingEmbedder(), RagOptions.defaults().withCommitBatchDocuments(5)
        .withChunking(40, 0));
    IngestionJob job = kb.ingest("s", "c", docs, IngestionListener.NONE);
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    List<Thread> readers = new java.util.ArrayList<>();
    for (int t = 0; t < 3; t++) {
      readers.add(Thread.ofVirtual().start(() -> {
        while (!job.completion().isDone()) {
          try {
            List<SearchHit> hits = kb.search(SearchQuery.of("s", "common word").withK(50));
            // A chunk is visible only together with its document's record, which is committed with it (the
            // record is read from a later commit, so it holds at least the documents the search saw).
            List<String> recorded = kb.documents("s", "c").stream().map(DocumentStatus::sourceId).toList();
            assertThat(recorded).containsAll(hits.stream().map(SearchHit::sourceId).toList());
          } catch (Throwable e) {
            errors.add(e);
            return;
          }
        }
      }));
    }
    job.await(WAIT);
    for (Thread r : readers) {
      r.join();
    }

    assertThat(errors).isEmpty();
    assertThat(kb.documents("s", "c")).hasSize(60);
  }

  @Test
  void anIndexRefusesAnotherEmbedder() {
    kb.createCollection("s", "c", "C");
    kb.close();
    Embedder other = new Embedder() {
      @Override public String name() {
        return "other";
      }

      @Override public int dimension() {
        return 3;
      }

      @Override public List<float[]> embed(List<String> texts) {
        return texts.stream().map(t -> new float[] {1, 0, 0}).toList();
      }
    };
    kb = KnowledgeBase.open(dir, other, RagOptions.defaults());
    assertThatThrownBy(() -> kb.collections("s")).hasMessageContaining("was built with embedder 'hashing-test/64'");
  }

  @Test
  void failedStatusesAndTheirReasonsSurviveARestart() throws IOException {
    kb.createCollection("s", "c", "C");
    Path broken = Files.writeString(dir.resolve("broken.json"), "{not json");
    IngestionJob job = kb.ingest("s", "c", List.of(DocumentInput.ofFile(broken),
        DocumentInput.ofText("ok", "", "fine text")), IngestionListener.NONE);
    String failedId = job.sourceIds().getFirst();
    String reason = job.await(WAIT).getFirst().reason();
    assertThat(reason).startsWith("cannot read broken.json as JSON");

    reopen();

    assertThat(kb.documentStatus("s", failedId)).hasValueSatisfying(st -> {
      assertThat(st.state()).isEqualTo(DocumentStatus.State.FAILED);
      assertThat(st.reason()).isEqualTo(reason);
      assertThat(st.title()).isEqualTo("broken.json");
      assertThat(st.collectionId()).isEqualTo("c");
    });
    assertThat(kb.documentStatus("s", "ok")).map(DocumentStatus::state).contains(DocumentStatus.State.INDEXED);
    // Ingesting it again replaces the failure; removing a failed document clears its status.
    assertThat(kb.removeDocument("s", failedId)).isTrue();
    assertThat(kb.documentStatus("s", failedId)).isEmpty();
  }

  @Test
  void aDocumentStillPendingAtCloseIsFailedWithAReasonAfterRestart() throws Exception {
    kb.close();
    java.util.concurrent.CountDownLatch embedding = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    HashingEmbedder hashing = new HashingEmbedder();
    Embedder gated = new Embedder() {
      @Override public String name() {
        return hashing.name();
      }

      @Override public int dimension() {
        return hashing.dimension();
      }

      @Override public List<float[]> embed(List<String> texts) {
        embedding.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return hashing.embed(texts);
      }
    };
    kb = KnowledgeBase.open(dir, gated, RagOptions.defaults());
    kb.createCollection("s", "c", "C");
    kb.ingest("s", "c", List.of(DocumentInput.ofText("first", "First", "alpha")), IngestionListener.NONE);
    assertThat(embedding.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    // Queued behind the first job, which is held inside the embedder: still pending when the base closes.
    kb.ingest("s", "c", List.of(DocumentInput.ofText("second", "Second", "beta")), IngestionListener.NONE);
    assertThat(kb.documentStatus("s", "second")).map(DocumentStatus::state)
        .contains(DocumentStatus.State.PENDING);
    KnowledgeBase closing = kb;
    Thread closer = Thread.ofVirtual().start(closing::close);
    // close() marks the base closed before it waits for the batch in progress; only then let that batch go on.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (!isClosed(closing) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(200);
    release.countDown();
    closer.join(java.time.Duration.ofSeconds(60));

    kb = KnowledgeBase.open(dir, new HashingEmbedder(), RagOptions.defaults());
    assertThat(kb.documentStatus("s", "first")).map(DocumentStatus::state).contains(DocumentStatus.State.INDEXED);
    assertThat(kb.documentStatus("s", "second")).hasValueSatisfying(st -> {
      assertThat(st.state()).isEqualTo(DocumentStatus.State.FAILED);
      assertThat(st.reason()).isEqualTo(LuceneKnowledgeBase.INTERRUPTED);
      assertThat(st.title()).isEqualTo("Second");
    });
    assertThat(kb.search(SearchQuery.of("s", "beta").withMode(SearchMode.BM25))).isEmpty();
  }

  private static boolean isClosed(KnowledgeBase kb) {
    try {
      ((LuceneKnowledgeBase) kb).space("s");
      return false;
    } catch (IllegalStateException closed) {
      return true;
    }
  }
}
