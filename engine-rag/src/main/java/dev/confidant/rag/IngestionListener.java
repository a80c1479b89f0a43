package dev.confidant.rag;

/**
 * Receives ingestion progress. Called on the ingestion thread, in order per job; must not block and should not
 * throw (an exception is ignored so that ingestion goes on).
 */
@FunctionalInterface
public interface IngestionListener {
  /** A listener that ignores every event. */
  IngestionListener NONE = event -> {};

  /** One document changed state. */
  void onEvent(IngestionEvent event);
}
