/**
 * JSON mapping of the Chat Completions wire format (Jackson): requests with every violation reported in
 * FastAPI/pydantic shape, responses and stream chunks exactly as OpenAI writes them.
 *
 * <p>{@link dev.confidant.core.json.ChatJson} is the only entry point; it is what the HTTP facade, remote
 * backends and clients use:
 * {@snippet class=dev.confidant.core.json.JsonSnippets region=sse}
 */
@NullMarked
package dev.confidant.core.json;

import org.jspecify.annotations.NullMarked;
