package dev.confidant.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.SearchHit;
import dev.confidant.rag.SearchMode;
import dev.confidant.rag.SearchQuery;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code confidant search}: queries a collection, JSON lines in and out, without a server. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
        "Searches a collection under DATA-DIR/SPACE for each query read on stdin, without a server.",
        "Reads JSON lines {\"id\": \"...\", \"query\": \"...\"} and writes one line per query:"
            + " {\"id\": \"...\", \"results\": [{\"source_id\", \"title\", \"chunk_id\", \"score\"}]}, best first"
            + " (title: the document's title and the passage's heading path)."
    })
final class SearchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;
  @Mixin KnowledgeOptions where;

  @Option(names = "--mode", paramLabel = "bm25|dense|hybrid", description = "Retrieval mode (default hybrid).")
  String mode = "hybrid";

  @Option(names = "--k", paramLabel = "N", description = "Results per query (default 10).")
  int k = 10;

  @Option(names = "--input", paramLabel = "FILE", description = "Read FILE instead of stdin.")
  @Nullable Path input;

  @Override
  public Integer call() throws IOException {
    SearchMode searchMode = switch (mode) {
      case "bm25" -> SearchMode.BM25;
      case "dense" -> SearchMode.DENSE;
      case "hybrid" -> SearchMode.HYBRID;
      default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--mode must be bm25, dense or hybrid, not '" + mode + "'");
    };
    PrintWriter out = spec.commandLine().getOut();
    int failures = 0;
    try (KnowledgeBase kb = where.open();
        BufferedReader in = input != null ? Files.newBufferedReader(input, StandardCharsets.UTF_8)
            : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      if (kb.collection(where.space, where.collection).isEmpty()) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "no collection '" + where.collection + "' in space '" + where.space + "' " + where.where());
      }
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        ObjectNode result = JSON.createObjectNode();
        JsonNode query = readQuery(line);
        if (query == null) {
          failures++;
          result.put("error", "each line must be an object with string fields \"id\" and \"query\"");
        } else {
          result.put("id", query.get("id").asText());
          List<SearchHit> hits = kb.search(SearchQuery.of(where.space, query.get("query").asText())
              .withMode(searchMode).withK(k).withCollections(List.of(where.collection)));
          ArrayNode results = result.putArray("results");
          for (SearchHit hit : hits) {
            results.addObject().put("source_id", hit.sourceId()).put("title", hit.title())
                .put("chunk_id", hit.chunkId()).put("score", hit.score());
          }
        }
        out.println(JSON.writeValueAsString(result));
      }
    }
    out.flush();
    return failures == 0 ? 0 : 1;
  }

  private static @Nullable JsonNode readQuery(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node != null && node.path("id").isValueNode() && node.path("query").isTextual() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }
}
