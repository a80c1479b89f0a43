/**
 * JSON mapping of the Chat Completions wire format (Jackson): requests with every violation reported in
 * FastAPI/pydantic shape, responses and stream chunks exactly as OpenAI writes them.
 *
 * <p>{@link dev.confidant.core.json.ChatJson} is the only entry point; it is what the HTTP facade, remote
 * backends and clients use:
 * {@snippet :
 * ChatCompletionRequest request = ChatJson.readRequest(body);       // InvalidRequestException: 422 detail
 * try (CompletionStream stream = engine.stream(request)) {
 *   for (ChatCompletionChunk chunk : stream) {
 *     sse.send("data: " + ChatJson.writeChunk(chunk) + "\n\n");
 *   }
 * }
 * sse.send("data: [DONE]\n\n");
 * }
 */
@NullMarked
package dev.confidant.core.json;

import org.jspecify.annotations.NullMarked;
