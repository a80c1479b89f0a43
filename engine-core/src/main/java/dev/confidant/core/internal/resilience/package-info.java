/**
 * Surviving remote model failures: the HTTP transport the remote backends give LangChain4j (keeps the upstream
 * status, message and {@code Retry-After}; detects malformed and truncated streams), the mapping of failures to
 * {@link dev.confidant.api.ModelInvocationException}, timeouts, retries with jittered exponential backoff, fallback
 * along a model's chain and a circuit breaker per backend.
 *
 * <p>Retries happen only before the first chunk reaches the caller: once a token was delivered, a second attempt
 * would repeat or contradict it.
 * {@link dev.confidant.core.internal.resilience.ResilientInvoker} tries each target of a model's chain in turn:
 * {@snippet class=dev.confidant.core.internal.resilience.ResilienceSnippets region=invoke}
 */
@NullMarked
package dev.confidant.core.internal.resilience;

import org.jspecify.annotations.NullMarked;
