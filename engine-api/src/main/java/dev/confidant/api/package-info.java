/**
 * OpenAI-compatible chat completion API.
 *
 * <p>Build a request, hand it to an engine ({@code ChatEngines.builder().build()} in engine-core), read the reply:
 * {@snippet class=dev.confidant.api.ApiSnippets region=complete}
 *
 * <p>All records are immutable and thread-safe; their compact constructors copy lists and replace
 * {@code null} collections with empty ones. A {@code null} scalar means "not set": the backend default applies.
 */
@NullMarked
package dev.confidant.api;

import org.jspecify.annotations.NullMarked;
