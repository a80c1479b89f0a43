package dev.confidant.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.RagOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the documents of {@code confidant ingest --beir-corpus FILE}: JSON Lines, one object per line with
 * {@code _id} (the source id), optional {@code title} and {@code text} — the layout of a BEIR {@code corpus.jsonl},
 * and a plain way to ingest many short documents at once. Blank lines are skipped. Stateless.
 *
 * <p>The evaluation commands of the {@code tools} module read BEIR corpora with this class too, so that the CLI
 * and the published figures agree on what a corpus holds.
 */
public final class JsonLinesCorpus {
  private JsonLinesCorpus() {}

  /**
   * The documents of a file, in file order; all of them are held in memory.
   *
   * @param file a JSON Lines file
   * @return one text document a non-blank line
   * @throws IOException if the file cannot be read, or a line is not a JSON object with a non-empty {@code _id}
   *     (the message names the file and the line number)
   */
  public static List<DocumentInput> read(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<DocumentInput> docs = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = json.readTree(line);
        } catch (JsonProcessingException e) {
          throw new IOException(file + ":" + lineNumber + ": not JSON: " + e.getOriginalMessage(), e);
        }
        if (!node.isObject() || node.path("_id").asText("").isEmpty()) {
          throw new IOException(file + ":" + lineNumber + ": a JSON object with a non-empty \"_id\" expected");
        }
        docs.add(DocumentInput.ofText(node.get("_id").asText(), node.path("title").asText(""),
            node.path("text").asText("")));
      }
    }
    return docs;
  }

  /**
   * {@link RagOptions#defaults()} with chunks of up to 100,000 words, so that each document of a corpus of
   * passages stays one chunk (how BEIR baselines are computed), commits of 256 documents and no queue bounds
   * ({@link dev.confidant.rag.IngestLimits#forBulkLoading}), so that a whole corpus can be handed to one
   * {@code ingest} call; what {@code ingest --passages} and {@code search --passages} open a knowledge base with.
   */
  public static RagOptions passageOptions() {
    RagOptions defaults = RagOptions.defaults();
    return defaults.withChunking(100_000, 0).withCommitBatchDocuments(256)
        .withIngestLimits(defaults.ingestLimits().forBulkLoading());
  }
}
