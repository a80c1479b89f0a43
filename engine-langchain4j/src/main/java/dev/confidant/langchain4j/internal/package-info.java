/**
 * The LangChain4j bridge's implementation: the mapping of Confidant requests to LangChain4j's and back
 * ({@link dev.confidant.langchain4j.internal.Lc4jMessages}, {@link dev.confidant.langchain4j.internal.EngineRequests},
 * {@link dev.confidant.langchain4j.internal.EngineResponses}), the push-to-pull stream
 * ({@link dev.confidant.langchain4j.internal.RemoteStream}) and the HTTP transport handed to LangChain4j models.
 * Internal: use it through the public package.
 */
@NullMarked
package dev.confidant.langchain4j.internal;

import org.jspecify.annotations.NullMarked;
