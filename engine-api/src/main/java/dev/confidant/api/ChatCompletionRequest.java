package dev.confidant.api;

import static java.util.Objects.requireNonNull;
import static java.util.Objects.requireNonNullElse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param extraFields the body's other top-level fields, which this record does not model ({@code service_tier},
 *     {@code metadata}, {@code store}, {@code reasoning_effort}, {@code prediction}, a provider's own fields, …),
 *     verbatim and in body order; empty when there are none. The JSON codec reads and writes them, and backends
 *     that speak the OpenAI wire format pass them on untouched; other backends ignore them. They are not
 *     pseudonymized or otherwise interpreted by the engine. An extra field named like a modelled field is never
 *     written in its place.
 */
public record ChatCompletionRequest(
    @Nullable String model,
    List<ChatMessage> messages,
    Sampling sampling,
    Tools tools,
    @Nullable ResponseFormat responseFormat,
    ResponseOptions options,
    Map<String, RawJson> extraFields) {

  public ChatCompletionRequest {
    messages = List.copyOf(messages);
    sampling = requireNonNullElse(sampling, Sampling.DEFAULT);
    tools = requireNonNullElse(tools, Tools.NONE);
    options = requireNonNullElse(options, ResponseOptions.DEFAULT);
    extraFields = orderedCopy(requireNonNullElse(extraFields, Map.of()));
  }

  /** A request without extra fields. */
  public ChatCompletionRequest(@Nullable String model, List<ChatMessage> messages, Sampling sampling, Tools tools,
      @Nullable ResponseFormat responseFormat, ResponseOptions options) {
    this(model, messages, sampling, tools, responseFormat, options, Map.of());
  }

  /** A request with default sampling and no tools. */
  public static ChatCompletionRequest of(@Nullable String model, ChatMessage... messages) {
    return new ChatCompletionRequest(model, List.of(messages), Sampling.DEFAULT, Tools.NONE, null, ResponseOptions.DEFAULT);
  }

  private static Map<String, RawJson> orderedCopy(Map<String, RawJson> fields) {
    if (fields.isEmpty()) {
      return Map.of();
    }
    LinkedHashMap<String, RawJson> copy = LinkedHashMap.newLinkedHashMap(fields.size());
    fields.forEach((name, value) -> copy.put(requireNonNull(name, "extra field name"),
        requireNonNull(value, "extra field value")));
    return Collections.unmodifiableMap(copy);
  }

  public ChatCompletionRequest withModel(@Nullable String model) {
    return new ChatCompletionRequest(model, messages, sampling, tools, responseFormat, options, extraFields);
  }

  public ChatCompletionRequest withMessages(List<ChatMessage> messages) {
    return new ChatCompletionRequest(model, messages, sampling, tools, responseFormat, options, extraFields);
  }

  /** A copy with one more message at the end. */
  public ChatCompletionRequest plusMessage(ChatMessage message) {
    List<ChatMessage> copy = new ArrayList<>(messages);
    copy.add(message);
    return withMessages(copy);
  }

  public ChatCompletionRequest withSampling(Sampling sampling) {
    return new ChatCompletionRequest(model, messages, sampling, tools, responseFormat, options, extraFields);
  }

  public ChatCompletionRequest withTools(Tools tools) {
    return new ChatCompletionRequest(model, messages, sampling, tools, responseFormat, options, extraFields);
  }

  public ChatCompletionRequest withResponseFormat(@Nullable ResponseFormat responseFormat) {
    return new ChatCompletionRequest(model, messages, sampling, tools, responseFormat, options, extraFields);
  }

  public ChatCompletionRequest withOptions(ResponseOptions options) {
    return new ChatCompletionRequest(model, messages, sampling, tools, responseFormat, options, extraFields);
  }

  /** A copy with other extra fields (see {@link #extraFields()}). */
  public ChatCompletionRequest withExtraFields(Map<String, RawJson> extraFields) {
    return new ChatCompletionRequest(model, messages, sampling, tools, responseFormat, options, extraFields);
  }
}
