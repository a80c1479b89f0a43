package dev.confidant.rag.internal.ingest;

import java.io.IOException;

/**
 * A document passes one of the {@link dev.confidant.rag.IngestLimits}; the message names the bound, so that the
 * document's failure reason says what to change.
 */
final class TooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  TooLargeException(String message) {
    super(message);
  }
}
