package dev.confidant.server.internal.store;

import dev.confidant.api.EngineConfigException;
import dev.confidant.opensearch.OpenSearchKnowledgeBase;
import dev.confidant.opensearch.OpenSearchSettings;
import dev.confidant.rag.spi.DurableIngestQueue;
import dev.confidant.rag.Embedders;
import dev.confidant.rag.IngestLimits;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.RagOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The knowledge base the server opens itself, on first use: on OpenSearch with {@code storage.opensearch}, else
 * under {@code <storage-dir>/knowledge}, or without a storage directory in a temporary directory that
 * {@link #close()} deletes. Opening loads the embedding model (a
 * few seconds), which servers that never touch collections should not pay for. Thread-safe.
 */
public final class OwnedKnowledgeBase implements Supplier<KnowledgeBase>, AutoCloseable {
  private final @Nullable Path storageDir;
  private final RagOptions options;
  private final @Nullable OpenSearchSettings openSearch;
  private final @Nullable DurableIngestQueue ingestQueue;
  private @Nullable KnowledgeBase knowledgeBase;
  private @Nullable Path tempDir;
  private boolean closed;

  /**
   * @param storageDir the server's storage directory, or {@code null} for a temporary one
   * @param ingestion what uploads may cost ingestion ({@code limits.ingestion})
   */
  public OwnedKnowledgeBase(@Nullable Path storageDir, IngestLimits ingestion) {
    this(storageDir, ingestion, null);
  }

  /**
   * @param storageDir the server's storage directory, or {@code null} for a temporary one
   * @param ingestion what uploads may cost ingestion ({@code limits.ingestion})
   * @param openSearch the OpenSearch of the collections, or {@code null} for the local index
   */
  public OwnedKnowledgeBase(@Nullable Path storageDir, IngestLimits ingestion,
      @Nullable OpenSearchSettings openSearch) {
    this(storageDir, ingestion, openSearch, null);
  }

  /**
   * @param storageDir the server's storage directory, or {@code null} for a temporary one
   * @param ingestion what uploads may cost ingestion ({@code limits.ingestion})
   * @param openSearch the OpenSearch of the collections, or {@code null} for the local index
   * @param ingestQueue the cluster's ingestion queue (with {@code openSearch} only), or {@code null} for the
   *     node's own
   */
  public OwnedKnowledgeBase(@Nullable Path storageDir, IngestLimits ingestion,
      @Nullable OpenSearchSettings openSearch, @Nullable DurableIngestQueue ingestQueue) {
    this.storageDir = storageDir;
    this.options = RagOptions.defaults().withIngestLimits(ingestion);
    this.openSearch = openSearch;
    this.ingestQueue = ingestQueue;
  }

  /**
   * The knowledge base, opened on first call.
   *
   * @throws EngineConfigException if the directory cannot be created
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public synchronized KnowledgeBase get() {
    if (closed) {
      throw new IllegalStateException("the server is closed");
    }
    if (knowledgeBase == null && openSearch != null) {
      try {
        knowledgeBase = OpenSearchKnowledgeBase.open(openSearch, Embedders.allMiniLmL6V2(), options, ingestQueue);
      } catch (IllegalStateException e) {
        throw new EngineConfigException("storage.opensearch: " + e.getMessage(), e);
      }
    }
    if (knowledgeBase == null) {
      Path dir;
      try {
        if (storageDir != null) {
          dir = Files.createDirectories(storageDir.resolve("knowledge"));
        } else {
          tempDir = Files.createTempDirectory("confidant-knowledge-");
          dir = tempDir;
        }
      } catch (IOException e) {
        throw new EngineConfigException("cannot create the knowledge directory under " + storageDir + ": "
            + e.getMessage() + "; check storage-dir and its permissions", e);
      }
      knowledgeBase = KnowledgeBase.open(dir, Embedders.allMiniLmL6V2(), options);
    }
    return knowledgeBase;
  }

  /** Closes the knowledge base if it was opened, and deletes a temporary directory. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (knowledgeBase != null) {
      knowledgeBase.close();
      knowledgeBase = null;
    }
    if (tempDir != null) {
      deleteTree(tempDir);
      tempDir = null;
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the temporary knowledge directory " + root, e);
    }
  }
}
