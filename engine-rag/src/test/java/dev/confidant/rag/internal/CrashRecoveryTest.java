package dev.confidant.rag.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.HashingEmbedder;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.RagOptions;
import dev.confidant.rag.SearchHit;
import dev.confidant.rag.SearchMode;
import dev.confidant.rag.SearchQuery;
import dev.confidant.rag.internal.index.Fields;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 during ingestion: every acknowledged document survives, whole, and the index opens cleanly. */
class CrashRecoveryTest {
  private static final int ACKS_BEFORE_KILL = 12;
  @TempDir Path dir;

  @Test
  void everyAcknowledgedDocumentSurvivesKillNine() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CrashIngestChild.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    Map<String, Integer> acked = new HashMap<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (acked.size() < ACKS_BEFORE_KILL && System.nanoTime() < deadline) {
        String line = out.readLine();
        if (line == null) {
          break;
        }
        if (line.startsWith("ACK ")) {
          String[] parts = line.split(" ");
          acked.put(parts[1], Integer.parseInt(parts[2]));
        }
      }
    } finally {
      // SIGKILL on Linux: no shutdown hook, no close, no final commit.
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(acked).as("documents acknowledged before the kill").hasSize(ACKS_BEFORE_KILL);

    Path spaceDir = dir.resolve("space");
    try (FSDirectory directory = FSDirectory.open(spaceDir); CheckIndex check = new CheckIndex(directory)) {
      assertThat(check.checkIndex().clean).as("CheckIndex after kill -9").isTrue();
    }

    try (KnowledgeBase kb = KnowledgeBase.open(dir, new HashingEmbedder(), RagOptions.defaults())) {
      for (var entry : acked.entrySet()) {
        int n = Integer.parseInt(entry.getKey().substring("doc-".length()));
        assertThat(kb.documentStatus("space", entry.getKey())).map(DocumentStatus::state)
            .contains(DocumentStatus.State.INDEXED);
        List<SearchHit> hits = kb.search(SearchQuery.of("space", CrashIngestChild.marker(n))
            .withMode(SearchMode.BM25).withK(100));
        assertThat(hits).extracting(SearchHit::sourceId).containsOnly(entry.getKey());
        assertThat(hits).as("chunks of " + entry.getKey()).hasSize(entry.getValue());
      }
      // Documents committed after the last ACK was read may exist too, but only whole: each document record's
      // chunk count matches its chunks, and no chunk lacks its record.
      LuceneKnowledgeBase lkb = (LuceneKnowledgeBase) kb;
      List<DocumentStatus> all = kb.documents("space", "c");
      assertThat(all.size()).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
      int chunkDocs = lkb.space("space").find(new TermQuery(new Term(Fields.KIND, Fields.KIND_CHUNK)), 100_000)
          .size();
      assertThat(chunkDocs).isEqualTo(all.stream().mapToInt(DocumentStatus::chunks).sum());
      for (DocumentStatus status : all) {
        assertThat(lkb.space("space").find(new TermQuery(new Term(Fields.SOURCE_ID, status.sourceId())), 1000))
            .hasSize(status.chunks() + 1);
      }
      // Every document of the round the kill interrupted was pending, durably: after the restart it is either
      // indexed (committed after the last ACK was read) or failed with the reason, never pending or unknown.
      int lastAcked = acked.keySet().stream().mapToInt(id -> Integer.parseInt(id.substring("doc-".length())))
          .max().orElseThrow();
      int roundEnd = (lastAcked / CrashIngestChild.ROUND + 1) * CrashIngestChild.ROUND;
      for (int n = 0; n < roundEnd; n++) {
        assertThat(kb.documentStatus("space", "doc-" + n)).as("status of doc-" + n).hasValueSatisfying(st -> {
          if (st.state() != DocumentStatus.State.INDEXED) {
            assertThat(st.state()).isEqualTo(DocumentStatus.State.FAILED);
            assertThat(st.reason()).isEqualTo(LuceneKnowledgeBase.INTERRUPTED);
          }
        });
      }
    }
  }
}
