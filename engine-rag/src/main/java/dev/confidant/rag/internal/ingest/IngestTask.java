package dev.confidant.rag.internal.ingest;

import dev.confidant.rag.DocumentInput;
import java.nio.charset.StandardCharsets;

/**
 * A batch of one job's documents, ingested and committed together: documents {@code from} (inclusive) to {@code to}
 * (exclusive) of {@code job}. Immutable.
 */
public record IngestTask(Job job, int from, int to) {
  public IngestTask {
    if (from < 0 || to <= from || to > job.inputs.size()) {
      throw new IllegalArgumentException("documents [" + from + ", " + to + ") of a job of " + job.inputs.size());
    }
  }

  /** The space the documents go into. */
  public String spaceId() {
    return job.spaceId;
  }

  /** How many documents the task holds. */
  public int documents() {
    return to - from;
  }

  /** Bytes of content the task holds in memory (uploads and texts; files are read from disk when ingested). */
  public long bytes() {
    long bytes = 0;
    for (int i = from; i < to; i++) {
      bytes += switch (job.inputs.get(i)) {
        case DocumentInput.BytesInput b -> b.bytes().length;
        case DocumentInput.TextInput t -> 2L * (t.text().length() + t.title().length());
        case DocumentInput.FileInput f -> 0;
      };
    }
    return bytes;
  }
}
