/**
 * The {@code validation} stage: semantic checks of a {@link dev.confidant.api.ChatCompletionRequest} that its
 * types cannot express (ranges, patterns, tool names, the pairing of tool calls and tool messages), reported as
 * pydantic-style {@link dev.confidant.api.Violation}s at locations relative to the request
 * ({@code ["messages", 0, "role"]}); only engine-server adds FastAPI's {@code "body"}.
 *
 * <p>{@link dev.confidant.core.internal.validation.RequestValidator} is used twice: by the JSON codec, which adds
 * its violations to the binding violations of the same body, and by the first pipeline stage, so that requests
 * built in Java are held to the same rules:
 * {@snippet class=dev.confidant.core.internal.validation.ValidationSnippets region=validate}
 */
@NullMarked
package dev.confidant.core.internal.validation;

import org.jspecify.annotations.NullMarked;
