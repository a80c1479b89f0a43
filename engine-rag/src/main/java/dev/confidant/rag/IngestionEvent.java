package dev.confidant.rag;

import static java.util.Objects.requireNonNull;

/**
 * Progress of an ingestion job: one event per document that changes state. Immutable.
 *
 * @param status the document's new status
 * @param done documents of the job that are indexed or failed, including this one
 * @param total documents in the job
 */
public record IngestionEvent(DocumentStatus status, int done, int total) {
  public IngestionEvent {
    requireNonNull(status, "status");
  }
}
