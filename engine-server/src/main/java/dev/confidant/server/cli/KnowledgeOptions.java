package dev.confidant.server.cli;

import dev.confidant.rag.Embedders;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.RagOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a knowledge collection lives, shared by {@code ingest} and {@code search}. */
final class KnowledgeOptions {
  @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "The storage directory.")
  Path dataDir;

  @Option(names = "--space", required = true, paramLabel = "SPACE", description = "The space id.")
  String space;

  @Option(names = "--collection", required = true, paramLabel = "ID", description = "The collection id.")
  String collection;

  @Option(names = "--passages", description = "Index each document whole as one passage (how BEIR baselines are"
      + " computed); set it the same way for ingest and search.")
  boolean passages;

  /** Opens the knowledge base with the offline MiniLM embedder. */
  KnowledgeBase open() {
    // A local, trusted loader: the files given are handed to one ingest call, whatever their number.
    RagOptions options = passages ? JsonLinesCorpus.passageOptions()
        : RagOptions.defaults().withIngestLimits(RagOptions.defaults().ingestLimits().forBulkLoading());
    return KnowledgeBase.open(dataDir, Embedders.allMiniLmL6V2(), options);
  }
}
