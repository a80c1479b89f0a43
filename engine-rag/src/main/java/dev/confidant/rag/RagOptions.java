package dev.confidant.rag;

import dev.confidant.api.spi.EngineOption;
import java.util.function.Consumer;

/**
 * Settings of chunking, ingestion and the {@code retrieval} stage. Immutable; vary it with {@code with*}.
 *
 * <p>{@snippet class=dev.confidant.rag.RagSnippets region=options}
 *
 * @param chunkTokens the target chunk size in words (a word is about 1.3 model tokens)
 * @param chunkOverlapTokens words repeated from the end of one chunk at the start of the next
 * @param topK passages the retrieval stage injects at most
 * @param minScore passages scoring below this (in the mode's scale) are not injected
 * @param contextTokenBudget the estimated tokens of passages the stage injects at most
 * @param mode the ranking the stage and {@code knowledge_search} use
 * @param maxDocumentBytes documents larger than this are rejected before ingestion starts
 * @param commitBatchDocuments documents written per commit; a larger batch ingests faster, a smaller one
 *     acknowledges sooner (and, since spaces take turns batch by batch, lets other spaces in sooner)
 * @param ingestLimits what one document and one space may cost ingestion: caps on extracted text, chunks, headings
 *     and unpacked archives, the parse time limit, the queue bounds and the workers
 */
public record RagOptions(
    int chunkTokens,
    int chunkOverlapTokens,
    int topK,
    double minScore,
    int contextTokenBudget,
    SearchMode mode,
    long maxDocumentBytes,
    int commitBatchDocuments,
    IngestLimits ingestLimits) {

  /** The option key for the engine builder. */
  public static final EngineOption<RagOptions> KEY = EngineOption.of("rag.options", RagOptions.class, defaults());

  /**
   * The knowledge base the {@code retrieval} stage searches. Without it the stage passes requests through
   * unchanged. The engine does not close it: whoever opened it does, after the engine.
   */
  public static final EngineOption<KnowledgeBase> KNOWLEDGE_BASE =
      EngineOption.of("rag.knowledge-base", KnowledgeBase.class, null);

  public RagOptions {
    if (chunkTokens < 16) {
      throw new IllegalArgumentException("chunkTokens must be >= 16, was " + chunkTokens);
    }
    if (chunkOverlapTokens < 0 || chunkOverlapTokens >= chunkTokens / 2) {
      throw new IllegalArgumentException(
          "chunkOverlapTokens must be in [0, chunkTokens / 2), was " + chunkOverlapTokens);
    }
    if (topK < 1 || contextTokenBudget < 1 || maxDocumentBytes < 1 || commitBatchDocuments < 1) {
      throw new IllegalArgumentException("topK, contextTokenBudget, maxDocumentBytes and commitBatchDocuments"
          + " must be positive");
    }
    java.util.Objects.requireNonNull(mode, "mode");
    java.util.Objects.requireNonNull(ingestLimits, "ingestLimits");
  }

  /**
   * 200-word chunks with 30 words of overlap, top 5 hybrid passages within 1,500 tokens, 50 MiB per file, 32
   * documents per commit, {@link IngestLimits#defaults()}.
   */
  public static RagOptions defaults() {
    return new RagOptions(200, 30, 5, 0, 1500, SearchMode.HYBRID, 50L << 20, 32, IngestLimits.defaults());
  }

  /** A copy with other chunking. */
  public RagOptions withChunking(int chunkTokens, int chunkOverlapTokens) {
    return copy(c -> {
      c.chunkTokens = chunkTokens;
      c.chunkOverlapTokens = chunkOverlapTokens;
    });
  }

  /** A copy with other top k. */
  public RagOptions withTopK(int topK) {
    return copy(c -> c.topK = topK);
  }

  /** A copy with other min score. */
  public RagOptions withMinScore(double minScore) {
    return copy(c -> c.minScore = minScore);
  }

  /** A copy with other context token budget. */
  public RagOptions withContextTokenBudget(int contextTokenBudget) {
    return copy(c -> c.contextTokenBudget = contextTokenBudget);
  }

  /** A copy with other mode. */
  public RagOptions withMode(SearchMode mode) {
    return copy(c -> c.mode = mode);
  }

  /** A copy with other max document bytes. */
  public RagOptions withMaxDocumentBytes(long maxDocumentBytes) {
    return copy(c -> c.maxDocumentBytes = maxDocumentBytes);
  }

  /** A copy with other commit batch documents. */
  public RagOptions withCommitBatchDocuments(int commitBatchDocuments) {
    return copy(c -> c.commitBatchDocuments = commitBatchDocuments);
  }

  /** A copy with other ingestion limits. */
  public RagOptions withIngestLimits(IngestLimits ingestLimits) {
    return copy(c -> c.ingestLimits = ingestLimits);
  }

  private RagOptions copy(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** A mutable copy, so that each {@code with*} names only what it changes. Lives in one call. */
  private static final class Copy {
    int chunkTokens;
    int chunkOverlapTokens;
    int topK;
    double minScore;
    int contextTokenBudget;
    SearchMode mode;
    long maxDocumentBytes;
    int commitBatchDocuments;
    IngestLimits ingestLimits;

    Copy(RagOptions o) {
      chunkTokens = o.chunkTokens;
      chunkOverlapTokens = o.chunkOverlapTokens;
      topK = o.topK;
      minScore = o.minScore;
      contextTokenBudget = o.contextTokenBudget;
      mode = o.mode;
      maxDocumentBytes = o.maxDocumentBytes;
      commitBatchDocuments = o.commitBatchDocuments;
      ingestLimits = o.ingestLimits;
    }

    RagOptions build() {
      return new RagOptions(chunkTokens, chunkOverlapTokens, topK, minScore, contextTokenBudget, mode,
          maxDocumentBytes, commitBatchDocuments, ingestLimits);
    }
  }
}
