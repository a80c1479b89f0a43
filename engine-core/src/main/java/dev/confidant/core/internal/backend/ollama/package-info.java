/**
 * The {@code ollama} backend: Ollama's {@code /api/chat} (NDJSON streaming) through langchain4j-ollama.
 */
@NullMarked
package dev.confidant.core.internal.backend.ollama;

import org.jspecify.annotations.NullMarked;
