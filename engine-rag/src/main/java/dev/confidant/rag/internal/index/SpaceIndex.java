package dev.confidant.rag.internal.index;

import dev.confidant.api.EngineConfigException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.MMapDirectory;

/**
 * The Lucene index of one space, in its own directory: 0700, its files 0600 ({@link PrivateDirectory}). Thread-safe.
 *
 * <p>Durability: readers only ever see commits (the searcher is opened on the directory, not near-real-time on
 * the writer), so nothing is searchable before it is durable, and a writer crash leaves the last commit intact
 * (Lucene never changes committed files). Writes go through {@link #write}, which holds the space's write lock
 * across the change and its commit so that a commit never contains half of an operation.
 */
public final class SpaceIndex implements Closeable {
  /** BM25's term-frequency saturation k1 of the project's baseline (Anserini's default for short passages). */
  public static final float BM25_K1 = 0.9f;
  /** BM25's length normalisation b of the project's baseline (Anserini's default for short passages). */
  public static final float BM25_B = 0.4f;
  /** BM25 with the parameters of the project's baseline; the OpenSearch knowledge base configures the same. */
  public static final BM25Similarity SIMILARITY = new BM25Similarity(BM25_K1, BM25_B);
  private static final String EMBEDDER_KEY = "confidant.embedder";
  /** Segments per tier of the merge policy (Lucene's default is 10). */
  static final int SEGMENTS_PER_TIER = 4;

  private final PrivateDirectory directory;
  private final String embedderId;
  /** Replaced after a failed write: rolling back is the only way to drop buffered changes, and it closes it. */
  private IndexWriter writer;
  private final SearcherManager searchers;
  private final ReentrantLock writeLock = new ReentrantLock();

  /**
   * Opens or creates the index.
   *
   * @param embedderId the embedder's name and dimension; an index built with another one is refused
   * @throws EngineConfigException if the index was built with another embedder
   * @throws UncheckedIOException if the index cannot be opened (for example, another process holds it)
   */
  public SpaceIndex(Path dir, String embedderId) {
    try {
      PrivateDirectory.createDirectories(dir);
      directory = new PrivateDirectory(new MMapDirectory(dir));
      this.embedderId = embedderId;
      writer = openWriter();
      String stored = DirectoryReader.indexExists(directory) ? readEmbedder() : null;
      if (stored != null && !stored.equals(embedderId)) {
        writer.close();
        throw new EngineConfigException("index " + dir + " was built with embedder '" + stored
            + "', not '" + embedderId + "'; use that embedder or re-ingest into a new data directory", null);
      }
      if (stored == null) {
        writer.commit();
      }
      searchers = new SearcherManager(directory, new SearcherFactory() {
        @Override
        public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader,
            org.apache.lucene.index.IndexReader previous) {
          IndexSearcher searcher = new IndexSearcher(reader);
          searcher.setSimilarity(SIMILARITY);
          return searcher;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open index " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Creates a data directory as {@link PrivateDirectory} does: 0700, an existing one made 0700. */
  public static void createPrivateDirectories(Path dir) throws IOException {
    PrivateDirectory.createDirectories(dir);
  }

  private IndexWriter openWriter() throws IOException {
    // Fewer, larger segments than Lucene's default of 10 per tier: a query pays a fixed cost per segment and
    // term (term lookup, scorer set-up), which at 100k chunks was most of a BM25 query (17 segments: 2.0 ms
    // CPU, 1.9 MB allocated; 4 segments: 1.2 ms, 0.6 MB). The price is more merging during ingestion, in the
    // background merge threads.
    TieredMergePolicy merges = new TieredMergePolicy();
    merges.setSegmentsPerTier(SEGMENTS_PER_TIER);
    IndexWriterConfig config = new IndexWriterConfig(Languages.indexAnalyzer())
        .setMergePolicy(merges)
        .setSimilarity(SIMILARITY)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setCommitOnClose(false);
    IndexWriter w = new IndexWriter(directory, config);
    // The commit's user data records the embedder, so that vectors of two models never mix.
    w.setLiveCommitData(Map.of(EMBEDDER_KEY, embedderId).entrySet());
    return w;
  }

  private @org.jspecify.annotations.Nullable String readEmbedder() throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(directory)) {
      return reader.getIndexCommit().getUserData().get(EMBEDDER_KEY);
    }
  }

  /** A change to the index, run under the write lock and committed before {@link #write} returns. */
  @FunctionalInterface
  public interface Change<T> {
    T apply(IndexWriter writer) throws IOException;
  }

  /**
   * Applies a change and commits it. When this returns, the change is durable and visible to searches.
   *
   * @throws UncheckedIOException if writing or committing fails; the change is then rolled back to the last
   *     commit
   */
  public <T> T write(Change<T> change) {
    writeLock.lock();
    try {
      T result = change.apply(writer);
      writer.commit();
      searchers.maybeRefreshBlocking();
      return result;
    } catch (IOException | RuntimeException e) {
      // Drop what the failed change buffered, so that the next commit cannot publish half of it.
      try {
        if (!writer.isOpen() || writer.hasUncommittedChanges()) {
          writer.rollback();
          writer = openWriter();
        }
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    } finally {
      writeLock.unlock();
    }
  }

  /** Deletes every Lucene document matching a query and merges the deleted text out of the files. */
  public static void purge(IndexWriter writer, Query query) throws IOException {
    writer.deleteDocuments(query);
    mergeOutDeletes(writer);
  }

  /** Deletes every Lucene document with a term and merges the deleted text out of the files. */
  public static void purge(IndexWriter writer, Term term) throws IOException {
    writer.deleteDocuments(term);
    mergeOutDeletes(writer);
  }

  private static void mergeOutDeletes(IndexWriter writer) throws IOException {
    // The merge policy chooses segments by their deletes as of the last commit, so the deletes are committed
    // first; the caller's commit then publishes the merged segments.
    writer.commit();
    writer.forceMergeDeletes(true);
  }

  /** Reads from the last commit. */
  @FunctionalInterface
  public interface Read<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  /** Runs a read against a searcher over the latest commit. */
  public <T> T read(Read<T> read) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return read.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stored fields of the Lucene documents matching a query, at most {@code limit}. */
  public List<Document> find(Query query, int limit) {
    return read(searcher -> {
      var top = searcher.search(query, Math.max(1, limit));
      var stored = searcher.storedFields();
      List<Document> docs = new java.util.ArrayList<>();
      for (var hit : top.scoreDocs) {
        docs.add(stored.document(hit.doc));
      }
      return docs;
    });
  }

  /** Counts for tests and diagnostics: live and total Lucene documents of the last commit. */
  public Map<String, Integer> stats() {
    return read(searcher -> {
      Map<String, Integer> stats = new HashMap<>();
      stats.put("numDocs", searcher.getIndexReader().numDocs());
      stats.put("maxDoc", searcher.getIndexReader().maxDoc());
      return stats;
    });
  }

  /** Closes without committing: whatever was not committed is dropped, as after a crash. */
  @Override
  public void close() {
    writeLock.lock();
    try {
      searchers.close();
      writer.rollback();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writeLock.unlock();
    }
  }
}
