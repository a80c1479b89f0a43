package dev.confidant.rag.internal;

import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.HashingEmbedder;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.RagOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link CrashRecoveryTest}: ingests multi-chunk documents forever, printing
 * {@code ACK <sourceId>} once a document is reported indexed, until the parent kills it with SIGKILL.
 */
public final class CrashIngestChild {
  private CrashIngestChild() {}

  /** Documents per ingestion call. */
  static final int ROUND = 30;

  /** The unique word of document {@code n}, searchable after recovery. */
  static String marker(int n) {
    return "marker" + n;
  }

  static String text(int n) {
    StringBuilder sb = new StringBuilder();
    for (int p = 0; p < 4; p++) {
      sb.append(marker(n)).append(" paragraph ").append(p);
      for (int w = 0; w < 40; w++) {
        sb.append(" filler").append(w);
      }
      sb.append(".\n\n");
    }
    return sb.toString();
  }

  public static void main(String[] args) {
    Path dataDir = Path.of(args[0]);
    // Small chunks so that every document has several: a half-written document would be visible as missing ones.
    RagOptions options = RagOptions.defaults().withChunking(50, 5).withCommitBatchDocuments(3);
    KnowledgeBase kb = KnowledgeBase.open(dataDir, new HashingEmbedder(), options);
    kb.ensureCollection("space", "c");
    for (int round = 0; ; round++) {
      List<DocumentInput> docs = new ArrayList<>();
      for (int i = 0; i < ROUND; i++) {
        int n = round * ROUND + i;
        docs.add(DocumentInput.ofText("doc-" + n, "Document " + n, text(n)));
      }
      kb.ingest("space", "c", docs, event -> {
        if (event.status().state() == DocumentStatus.State.INDEXED) {
          System.out.println("ACK " + event.status().sourceId() + " " + event.status().chunks());
          System.out.flush();
        }
      }).await(Duration.ofMinutes(5));
    }
  }
}
