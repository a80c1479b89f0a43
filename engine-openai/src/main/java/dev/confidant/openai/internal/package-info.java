/**
 * The {@code openai} backend's implementation: the request written by {@link dev.confidant.core.json.ChatJson},
 * sent with {@link dev.confidant.core.remote.UpstreamExchange}, and the server-sent events read back on the
 * consumer's thread. Internal: use it through {@link dev.confidant.openai.OpenAiOptions} and
 * {@link dev.confidant.openai.OpenAiBackends}.
 */
@NullMarked
package dev.confidant.openai.internal;

import org.jspecify.annotations.NullMarked;
