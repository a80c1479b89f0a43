package dev.confidant.langchain4j.internal;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChunkAggregator;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.Delta;
import dev.confidant.api.ToolCall;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives a LangChain4j {@link StreamingChatResponseHandler} from an engine stream, on a virtual thread of its own:
 * each content fragment of the first choice is a partial response, each tool-call fragment a partial tool call; at
 * the end come the complete tool calls and the complete response. Every callback carries a {@link StreamingHandle}
 * whose {@code cancel()} closes the engine stream (and so stops the model); after a cancel the handler hears nothing
 * more. Thread-safe.
 */
public final class EngineStreaming implements StreamingHandle {
  private final CompletionStream stream;
  private final StreamingChatResponseHandler handler;
  private volatile boolean cancelled;

  private EngineStreaming(CompletionStream stream, StreamingChatResponseHandler handler) {
    this.stream = stream;
    this.handler = handler;
  }

  /**
   * Feeds the handler from a started engine stream (started by the caller, so that an invalid request fails the
   * call itself), on a virtual thread.
   */
  public static void run(CompletionStream stream, StreamingChatResponseHandler handler) {
    EngineStreaming call = new EngineStreaming(stream, handler);
    Thread.ofVirtual().name("confidant-langchain4j-stream").start(call::feed);
  }

  private void feed() {
    PartialResponseContext responseContext = new PartialResponseContext(this);
    PartialToolCallContext toolContext = new PartialToolCallContext(this);
    ChunkAggregator aggregator = new ChunkAggregator();
    Map<Integer, String[]> calls = new HashMap<>(); // index -> id, name
    try (CompletionStream s = stream) {
      for (ChatCompletionChunk chunk = s.next(); chunk != null && !cancelled; chunk = s.next()) {
        aggregator.accept(chunk);
        for (ChunkChoice choice : chunk.choices()) {
          if (choice.index() != 0) {
            continue; // a LangChain4j response has one message
          }
          Delta delta = choice.delta();
          if (delta.content() != null && !delta.content().isEmpty()) {
            handler.onPartialResponse(new PartialResponse(delta.content()), responseContext);
          }
          for (Delta.ToolCallDelta t : delta.toolCalls()) {
            String[] call = calls.computeIfAbsent(t.index(), i -> new String[2]);
            call[0] = t.id() != null ? t.id() : call[0];
            call[1] = t.name() != null ? t.name() : call[1];
            if (call[1] != null && t.arguments() != null && !t.arguments().isEmpty()) {
              handler.onPartialToolCall(PartialToolCall.builder().index(t.index()).id(call[0]).name(call[1])
                  .partialArguments(t.arguments()).build(), toolContext);
            }
          }
        }
      }
      if (cancelled) {
        return;
      }
      ChatCompletionResponse response = aggregator.toResponse();
      List<ToolCall> toolCalls = response.message().toolCalls();
      for (int i = 0; i < toolCalls.size(); i++) {
        handler.onCompleteToolCall(new CompleteToolCall(i, EngineResponses.request(toolCalls.get(i))));
      }
      handler.onCompleteResponse(EngineResponses.of(response));
    } catch (RuntimeException e) {
      if (!cancelled) {
        handler.onError(e);
      }
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
    stream.close();
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }
}
