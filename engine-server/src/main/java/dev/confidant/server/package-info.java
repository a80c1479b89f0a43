/**
 * The standalone REST server: the platform's API ({@code POST /api-proxy/v1/chat/completions} and friends) over a
 * {@link dev.confidant.api.ChatCompletionEngine}, with bearer-token authentication and space roles.
 *
 * <p>{@snippet class=dev.confidant.server.ServerSnippets region=serve}
 *
 * <p>Tests and embedders pass their own engine (for example one with a scripted backend):
 * {@snippet class=dev.confidant.server.ServerSnippets region=embedded}
 */
@NullMarked
package dev.confidant.server;

import org.jspecify.annotations.NullMarked;
