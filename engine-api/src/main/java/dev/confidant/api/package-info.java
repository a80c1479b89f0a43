/**
 * OpenAI-compatible chat completion API.
 *
 * <p>Build a request, hand it to an engine, read the reply:
 * {@snippet :
 * try (ChatCompletionEngine engine = ChatEngines.builder().build()) {
 *   ChatCompletionRequest request = ChatCompletionRequest.of("tiny",
 *       new SystemMessage("You are a helpful support assistant."),
 *       new UserMessage("My name is John Doe and I need help with my account."));
 *   ChatCompletionResponse response = engine.complete(request);
 *   System.out.println(response.choices().get(0).message().text());
 * }
 * }
 *
 * <p>All records are immutable and thread-safe; their compact constructors copy lists and replace
 * {@code null} collections with empty ones. A {@code null} scalar means "not set": the backend default applies.
 */
@NullMarked
package dev.confidant.api;

import org.jspecify.annotations.NullMarked;
