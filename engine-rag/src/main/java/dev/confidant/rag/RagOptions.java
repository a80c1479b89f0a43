package dev.confidant.rag;

/** Options of the retrieval stage. */
public final class RagOptions {
  private RagOptions() {}
}
