package dev.confidant.api.spi;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.Delta;
import dev.confidant.api.FinishReason;
import dev.confidant.api.Role;
import dev.confidant.api.ToolCall;
import dev.confidant.api.Usage;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Makes the chunks of one streamed completion in OpenAI's order, with one id, model and creation time. Backends
 * use it so that every stream looks alike: {@link #role()} first, then {@link #content}/{@link #toolCallStart}/
 * {@link #toolCallArguments}, then {@link #finish}, then {@link #usage}. Immutable and thread-safe.
 *
 * @param id the completion id ({@code chatcmpl-...})
 * @param model the model name reported in every chunk
 * @param created Unix seconds
 */
public record ChunkFactory(String id, String model, long created) {
  public ChunkFactory {
    requireNonNull(id, "id");
    requireNonNull(model, "model");
  }

  /** A factory with a fresh {@code chatcmpl-} id and the current time. */
  public static ChunkFactory start(String model) {
    String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    return new ChunkFactory(id, model, System.currentTimeMillis() / 1000);
  }

  /** The first chunk: role {@code assistant} and empty content. */
  public ChatCompletionChunk role() {
    return choice(Delta.ofRole(Role.ASSISTANT), null);
  }

  /** A content fragment. */
  public ChatCompletionChunk content(String text) {
    return choice(Delta.ofContent(text), null);
  }

  /** The first fragment of a tool call: index, id, type and name, with empty arguments. */
  public ChatCompletionChunk toolCallStart(int index, String callId, String name) {
    return choice(Delta.EMPTY.withToolCalls(List.of(new Delta.ToolCallDelta(index, callId, name, ""))), null);
  }

  /** An arguments fragment of a tool call. */
  public ChatCompletionChunk toolCallArguments(int index, String arguments) {
    return choice(Delta.EMPTY.withToolCalls(List.of(new Delta.ToolCallDelta(index, null, null, arguments))), null);
  }

  /** A whole tool call as two chunks' worth of deltas in one chunk list. */
  public List<ChatCompletionChunk> toolCall(int index, ToolCall call) {
    return List.of(toolCallStart(index, call.id(), call.name()), toolCallArguments(index, call.arguments()));
  }

  /** The chunk with the finish reason and an empty delta. */
  public ChatCompletionChunk finish(FinishReason reason) {
    return choice(Delta.EMPTY, reason);
  }

  /** The usage chunk: no choices. */
  public ChatCompletionChunk usage(Usage usage) {
    return new ChatCompletionChunk(id, created, model, List.of(), usage, null);
  }

  private ChatCompletionChunk choice(Delta delta, @Nullable FinishReason reason) {
    return new ChatCompletionChunk(id, created, model, List.of(new ChunkChoice(0, delta, reason, null)), null, null);
  }
}
