package dev.confidant.rag.internal.chunk;

import org.jspecify.annotations.Nullable;

/**
 * A piece of a document small enough to embed and to inject into a prompt. Immutable.
 *
 * @param ordinal position in the document, from 0
 * @param headingPath the headings above the chunk joined with " > ", or empty
 * @param text the chunk text
 * @param page the 1-based page, or {@code null}
 */
public record Chunk(int ordinal, String headingPath, String text, @Nullable Integer page) {}
