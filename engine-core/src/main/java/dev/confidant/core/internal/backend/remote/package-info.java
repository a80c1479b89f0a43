/**
 * What the remote backends ({@code openai}, {@code ollama}) share: the bridge from LangChain4j's push-style
 * streaming handler to the engine's pull-style {@link dev.confidant.api.CompletionStream}, and the mapping of
 * Confidant messages and tools to LangChain4j's. The backend packages import this one, never each other.
 */
@NullMarked
package dev.confidant.core.internal.backend.remote;

import org.jspecify.annotations.NullMarked;
