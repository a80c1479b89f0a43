/**
 * Confidant's public API: the {@link dev.confidant.api.ChatCompletionEngine}, the OpenAI-shaped request
 * and response records, the sealed exceptions, and the extension SPI in {@code dev.confidant.api.spi}.
 * This module has no runtime dependencies.
 */
module dev.confidant.api {
  requires static org.jspecify;

  exports dev.confidant.api;
  exports dev.confidant.api.spi;
}
