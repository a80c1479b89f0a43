package dev.confidant.api;

import static java.util.Objects.requireNonNullElse;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A chat completion request, mirroring OpenAI's {@code CreateChatCompletionRequest}.
 *
 * @param model the public model id; {@code null} lets the engine pick its default model
 * @param messages the conversation, oldest first
 * @param sampling sampling and length fields
 * @param tools tool definitions and choice
 * @param responseFormat {@code response_format}, or {@code null} for text
 * @param options delivery fields (n, stream options, logprobs, user)
 */
public record ChatCompletionRequest(
    @Nullable String model,
    List<ChatMessage> messages,
    Sampling sampling,
    Tools tools,
    @Nullable ResponseFormat responseFormat,
    ResponseOptions options) {

  public ChatCompletionRequest {
    messages = List.copyOf(messages);
    sampling = requireNonNullElse(sampling, Sampling.DEFAULT);
    tools = requireNonNullElse(tools, Tools.NONE);
    options = requireNonNullElse(options, ResponseOptions.DEFAULT);
  }

  /** A request with default sampling and no tools. */
  public static ChatCompletionRequest of(@Nullable String model, ChatMessage... messages) {
    return new ChatCompletionRequest(model, List.of(messages), Sampling.DEFAULT, Tools.NONE, null, ResponseOptions.DEFAULT);
  }

  public ChatCompletionRequest withModel(@Nullable String model) {
    return new ChatCompletionRequest(model, messages, sampling, tools, responseFormat, options);
  }

  public ChatCompletionRequest withMessages(List<ChatMessage> messages) {
    return new ChatCompletionRequest(model, messages, sampling, tools, responseFormat, options);
  }

  /** A copy with one more message at the end. */
  public ChatCompletionRequest plusMessage(ChatMessage message) {
    List<ChatMessage> copy = new ArrayList<>(messages);
    copy.add(message);
    return withMessages(copy);
  }

  public ChatCompletionRequest withSampling(Sampling sampling) {
    return new ChatCompletionRequest(model, messages, sampling, tools, responseFormat, options);
  }

  public ChatCompletionRequest withTools(Tools tools) {
    return new ChatCompletionRequest(model, messages, sampling, tools, responseFormat, options);
  }

  public ChatCompletionRequest withResponseFormat(@Nullable ResponseFormat responseFormat) {
    return new ChatCompletionRequest(model, messages, sampling, tools, responseFormat, options);
  }

  public ChatCompletionRequest withOptions(ResponseOptions options) {
    return new ChatCompletionRequest(model, messages, sampling, tools, responseFormat, options);
  }
}
