package dev.confidant.langchain4j.internal;

import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.Choice;
import dev.confidant.api.FinishReason;
import dev.confidant.api.ToolCall;
import dev.confidant.api.Usage;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Maps the engine's {@link ChatCompletionResponse} to a LangChain4j {@link ChatResponse}: the first choice's text and
 * tool calls, the id, model, token usage and finish reason. Stateless and thread-safe.
 */
public final class EngineResponses {
  private EngineResponses() {}

  /** The LangChain4j response for the engine's first choice. */
  public static ChatResponse of(ChatCompletionResponse response) {
    Choice choice = response.choices().get(0);
    String text = choice.message().content() == null ? null : choice.message().text();
    List<ToolExecutionRequest> calls = choice.message().toolCalls().stream()
        .map(EngineResponses::request).toList();
    AiMessage message = calls.isEmpty() ? AiMessage.from(text == null ? "" : text)
        : text == null || text.isEmpty() ? AiMessage.from(calls) : AiMessage.from(text, calls);
    Usage usage = response.usage();
    return ChatResponse.builder()
        .aiMessage(message)
        .id(response.id())
        .modelName(response.model())
        .tokenUsage(usage == null ? null
            : new TokenUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens()))
        .finishReason(finishReason(choice.finishReason()))
        .build();
  }

  /** A tool call as LangChain4j's request to execute it. */
  static ToolExecutionRequest request(ToolCall call) {
    return ToolExecutionRequest.builder().id(call.id()).name(call.name()).arguments(call.arguments()).build();
  }

  static dev.langchain4j.model.output.@Nullable FinishReason finishReason(@Nullable FinishReason reason) {
    return reason == null ? null : switch (reason) {
      case STOP -> dev.langchain4j.model.output.FinishReason.STOP;
      case LENGTH -> dev.langchain4j.model.output.FinishReason.LENGTH;
      case TOOL_CALLS, FUNCTION_CALL -> dev.langchain4j.model.output.FinishReason.TOOL_EXECUTION;
      case CONTENT_FILTER -> dev.langchain4j.model.output.FinishReason.CONTENT_FILTER;
    };
  }
}
