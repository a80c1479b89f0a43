package dev.confidant.rag;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Where a document is in ingestion. Immutable.
 *
 * @param sourceId the document's source id
 * @param collectionId the collection it is ingested into
 * @param title the document's title (file name or given title)
 * @param state the state
 * @param chunks how many chunks were indexed (0 unless {@link State#INDEXED})
 * @param reason why it failed, or {@code null}
 */
public record DocumentStatus(
    String sourceId, String collectionId, String title, State state, int chunks, @Nullable String reason) {
  public DocumentStatus {
    requireNonNull(sourceId, "sourceId");
    requireNonNull(collectionId, "collectionId");
    requireNonNull(title, "title");
    requireNonNull(state, "state");
  }

  /** Ingestion states. Only {@link #INDEXED} documents are durable and searchable. */
  public enum State {
    /**
     * Accepted, not yet committed; never acknowledged. The status itself is durable: if the knowledge base is
     * closed or the process stops before the document is committed, the document is {@link #FAILED} with a
     * reason saying so when its space is next opened, and must be ingested again.
     */
    PENDING,
    /** In a durable commit of the index: survives a crash and is searchable. */
    INDEXED,
    /**
     * Could not be parsed or indexed, or ingestion was interrupted; {@link DocumentStatus#reason()} says why.
     * Durable until the document is ingested again or removed.
     */
    FAILED
  }
}
