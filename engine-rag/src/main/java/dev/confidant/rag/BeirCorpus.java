package dev.confidant.rag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a BEIR corpus ({@code corpus.jsonl}: one JSON object per line with {@code _id}, {@code title},
 * {@code text}) as documents to ingest; each {@code _id} becomes a source id. Stateless.
 *
 * <p>BEIR documents are passages already: ingest them with chunks large enough to keep each whole
 * ({@link #passageOptions}), which is how BEIR baselines are computed.
 *
 * <p>{@snippet :
 * try (KnowledgeBase kb = KnowledgeBase.open(dir, Embedders.allMiniLmL6V2(), BeirCorpus.passageOptions())) {
 *   kb.ensureCollection("eval", "scifact");
 *   kb.ingest("eval", "scifact", BeirCorpus.read(Path.of("corpus.jsonl")), IngestionListener.NONE)
 *       .await(Duration.ofHours(1));
 * }
 * }
 */
public final class BeirCorpus {
  private BeirCorpus() {}

  /**
   * The documents of a corpus file, in file order.
   *
   * @throws UncheckedIOException if the file cannot be read or a line is not a JSON object with {@code _id}
   */
  public static List<DocumentInput> read(Path corpusJsonl) {
    ObjectMapper json = new ObjectMapper();
    List<DocumentInput> docs = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(corpusJsonl, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = json.readTree(line);
        if (node == null || !node.hasNonNull("_id")) {
          throw new IOException(corpusJsonl + ":" + lineNumber + ": a JSON object with \"_id\" expected");
        }
        docs.add(DocumentInput.ofText(node.get("_id").asText(), node.path("title").asText(""),
            node.path("text").asText("")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read BEIR corpus " + corpusJsonl + ": " + e.getMessage(), e);
    }
    return docs;
  }

  /** {@link RagOptions#defaults()} with chunks of up to 100,000 words, so that a BEIR passage stays whole. */
  public static RagOptions passageOptions() {
    return RagOptions.defaults().withChunking(100_000, 0).withCommitBatchDocuments(256);
  }
}
