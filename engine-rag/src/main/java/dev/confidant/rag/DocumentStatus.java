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
    /** Accepted, not yet committed. Lost on a crash; never acknowledged. */
    PENDING,
    /** In a durable commit of the index: survives a crash and is searchable. */
    INDEXED,
    /** Could not be parsed or indexed; {@link DocumentStatus#reason()} says why. */
    FAILED
  }
}
