package dev.confidant.rag;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What one document and one space may cost ingestion, so that no upload can stall other spaces or grow memory and
 * the index without bound. Immutable; vary it with {@code with*}. Part of {@link RagOptions}.
 *
 * <p>A document past a per-document bound is {@link DocumentStatus.State#FAILED} with a reason naming the bound; a
 * request that would queue past a queue bound is refused whole with {@link dev.confidant.api.LimitExceededException}
 * before anything is written.
 *
 * @param maxExtractedChars characters of text one document may yield (default 2,000,000, about 1,000 pages); table
 *     rows count as written out with their headers
 * @param maxChunksPerDocument chunks one document may make (default 2,000)
 * @param maxHeadingChars characters of a title or heading that go into every chunk's heading path (default 300): a
 *     longer one is cut there with {@code …} and its whole text is indexed once, as a paragraph of its section
 * @param maxUnpackedBytes bytes a DOCX, PPTX or XLSX (zip archives) may unpack to, all parts together (default
 *     64 MiB), of which the XML parts, which the parsers hold as trees, at most a quarter
 * @param parseTimeout the longest one document may take to parse (default 30 s); parsing runs on its own threads
 * @param maxQueuedDocumentsPerSpace documents of one space waiting for ingestion (default 10,000)
 * @param maxQueuedBytesPerSpace bytes of content held in memory by one space's waiting documents (default 64 MiB;
 *     uploads and texts count, files ingested from disk do not)
 * @param maxQueuedBytes bytes of content held in memory by waiting documents, all spaces together (default
 *     256 MiB)
 * @param workers spaces ingesting at the same time, one document batch each (default 4); the others wait their turn,
 *     taken round-robin
 */
public record IngestLimits(long maxExtractedChars, int maxChunksPerDocument, int maxHeadingChars,
    long maxUnpackedBytes, Duration parseTimeout, int maxQueuedDocumentsPerSpace, long maxQueuedBytesPerSpace,
    long maxQueuedBytes, int workers) {

  public IngestLimits {
    requireNonNull(parseTimeout, "parseTimeout");
    if (maxExtractedChars < 1 || maxChunksPerDocument < 1 || maxHeadingChars < 1 || maxUnpackedBytes < 1
        || parseTimeout.isNegative() || parseTimeout.isZero() || maxQueuedDocumentsPerSpace < 1
        || maxQueuedBytesPerSpace < 1 || maxQueuedBytes < 1 || workers < 1) {
      throw new IllegalArgumentException("every ingestion limit must be positive: " + this);
    }
  }

  /** The defaults listed on each component. */
  public static IngestLimits defaults() {
    return new IngestLimits(2_000_000, 2_000, 300, 64L << 20, Duration.ofSeconds(30), 10_000, 64L << 20,
        256L << 20, 4);
  }

  /**
   * These limits without queue bounds, for a trusted local loader that hands a whole corpus to one
   * {@link KnowledgeBase#ingest} call (the {@code bin/confidant ingest} command, a BEIR evaluation); the
   * per-document limits stay. Never for a server's clients.
   */
  public IngestLimits forBulkLoading() {
    return withQueue(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  /** A copy with another limit on extracted characters. */
  public IngestLimits withMaxExtractedChars(long maxExtractedChars) {
    return copy(c -> c.maxExtractedChars = maxExtractedChars);
  }

  /** A copy with another limit on chunks per document. */
  public IngestLimits withMaxChunksPerDocument(int maxChunksPerDocument) {
    return copy(c -> c.maxChunksPerDocument = maxChunksPerDocument);
  }

  /** A copy with another limit on heading length. */
  public IngestLimits withMaxHeadingChars(int maxHeadingChars) {
    return copy(c -> c.maxHeadingChars = maxHeadingChars);
  }

  /** A copy with another limit on unpacked archive bytes. */
  public IngestLimits withMaxUnpackedBytes(long maxUnpackedBytes) {
    return copy(c -> c.maxUnpackedBytes = maxUnpackedBytes);
  }

  /** A copy with another parse time limit. */
  public IngestLimits withParseTimeout(Duration parseTimeout) {
    return copy(c -> c.parseTimeout = parseTimeout);
  }

  /** A copy with other queue bounds. */
  public IngestLimits withQueue(int maxQueuedDocumentsPerSpace, long maxQueuedBytesPerSpace, long maxQueuedBytes) {
    return copy(c -> {
      c.maxQueuedDocumentsPerSpace = maxQueuedDocumentsPerSpace;
      c.maxQueuedBytesPerSpace = maxQueuedBytesPerSpace;
      c.maxQueuedBytes = maxQueuedBytes;
    });
  }

  /** A copy with another number of workers. */
  public IngestLimits withWorkers(int workers) {
    return copy(c -> c.workers = workers);
  }

  private IngestLimits copy(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** A mutable copy, so that each {@code with*} names only what it changes. Lives in one call. */
  private static final class Copy {
    long maxExtractedChars;
    int maxChunksPerDocument;
    int maxHeadingChars;
    long maxUnpackedBytes;
    Duration parseTimeout;
    int maxQueuedDocumentsPerSpace;
    long maxQueuedBytesPerSpace;
    long maxQueuedBytes;
    int workers;

    Copy(IngestLimits l) {
      maxExtractedChars = l.maxExtractedChars;
      maxChunksPerDocument = l.maxChunksPerDocument;
      maxHeadingChars = l.maxHeadingChars;
      maxUnpackedBytes = l.maxUnpackedBytes;
      parseTimeout = l.parseTimeout;
      maxQueuedDocumentsPerSpace = l.maxQueuedDocumentsPerSpace;
      maxQueuedBytesPerSpace = l.maxQueuedBytesPerSpace;
      maxQueuedBytes = l.maxQueuedBytes;
      workers = l.workers;
    }

    IngestLimits build() {
      return new IngestLimits(maxExtractedChars, maxChunksPerDocument, maxHeadingChars, maxUnpackedBytes,
          parseTimeout, maxQueuedDocumentsPerSpace, maxQueuedBytesPerSpace, maxQueuedBytes, workers);
    }
  }
}
