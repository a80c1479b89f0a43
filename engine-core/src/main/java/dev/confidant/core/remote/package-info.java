/**
 * Building blocks for remote model backends (the {@code openai} and {@code langchain4j} modules, and backends of
 * your own): {@link dev.confidant.core.remote.UpstreamExchange}, one cancellable streamed HTTP exchange over
 * {@code java.net.http} that keeps the status and {@code Retry-After} of an error; and
 * {@link dev.confidant.core.remote.UpstreamFailures}, which maps what such a call throws to the API's exceptions,
 * telling a configured server's errors apart from those of a server the caller chose. The engine's retries,
 * fallbacks and circuit breakers read {@code Retry-After} from the
 * {@link dev.confidant.core.remote.UpstreamStatusException} in a failure's cause chain.
 * {@snippet class=dev.confidant.core.remote.RemoteSnippets region=exchange}
 */
@NullMarked
package dev.confidant.core.remote;

import org.jspecify.annotations.NullMarked;
