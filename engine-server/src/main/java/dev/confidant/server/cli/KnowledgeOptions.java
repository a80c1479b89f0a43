package dev.confidant.server.cli;

import dev.confidant.opensearch.OpenSearchKnowledgeBase;
import dev.confidant.opensearch.OpenSearchSettings;
import dev.confidant.rag.Embedders;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.RagOptions;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where a knowledge collection lives, shared by {@code ingest} and {@code search}: the embedded index under
 * {@code --data-dir}, or OpenSearch ({@code --storage opensearch --opensearch-url URL}), the knowledge base a
 * cluster's {@code storage.opensearch} uses.
 */
final class KnowledgeOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The storage directory of the embedded index (required unless --storage opensearch).")
  @Nullable Path dataDir;

  @Option(names = "--storage", paramLabel = "local|opensearch", description = "Where the collection lives: the"
      + " embedded index under --data-dir (local, the default) or OpenSearch at --opensearch-url.")
  String storage = "local";

  @Option(names = "--opensearch-url", paramLabel = "URL",
      description = "OpenSearch's base URL (http://host:port) with --storage opensearch.")
  @Nullable String openSearchUrl;

  @Option(names = "--index-prefix", paramLabel = "PREFIX", description = "The OpenSearch index prefix (default"
      + " confidant-kb-, the server's storage.opensearch.index-prefix).")
  String indexPrefix = "confidant-kb-";

  @Option(names = "--space", required = true, paramLabel = "SPACE", description = "The space id.")
  String space;

  @Option(names = "--collection", required = true, paramLabel = "ID", description = "The collection id.")
  String collection;

  @Option(names = "--passages", description = "Index each document whole as one passage (how BEIR baselines are"
      + " computed); set it the same way for ingest and search.")
  boolean passages;

  /**
   * Opens the knowledge base with the offline MiniLM embedder.
   *
   * @throws ParameterException if the storage options do not fit together
   */
  KnowledgeBase open() {
    // A local, trusted loader: the files given are handed to one ingest call, whatever their number.
    RagOptions options = passages ? JsonLinesCorpus.passageOptions()
        : RagOptions.defaults().withIngestLimits(RagOptions.defaults().ingestLimits().forBulkLoading());
    return switch (storage) {
      case "local" -> {
        if (dataDir == null) {
          throw new ParameterException(spec.commandLine(),
              "--data-dir is required (or --storage opensearch with --opensearch-url)");
        }
        yield KnowledgeBase.open(dataDir, Embedders.allMiniLmL6V2(), options);
      }
      case "opensearch" -> {
        if (openSearchUrl == null) {
          throw new ParameterException(spec.commandLine(), "--storage opensearch needs --opensearch-url URL");
        }
        OpenSearchSettings settings;
        try {
          settings = OpenSearchSettings.of(openSearchUrl).withIndexPrefix(indexPrefix);
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), "--opensearch-url / --index-prefix: " + e.getMessage(), e);
        }
        yield OpenSearchKnowledgeBase.open(settings, Embedders.allMiniLmL6V2(), options);
      }
      default -> throw new ParameterException(spec.commandLine(),
          "--storage must be local or opensearch, not '" + storage + "'");
    };
  }

  /** Where the collection is, for messages: "under DIR" or "in OpenSearch at URL". */
  String where() {
    return "opensearch".equals(storage) ? "in OpenSearch at " + openSearchUrl : "under " + dataDir;
  }
}
