package dev.confidant.langchain4j.internal;

import static dev.confidant.langchain4j.internal.Lc4jMessages.unsupported;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.Sampling;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.Violation;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.List;

/**
 * Maps a request to LangChain4j's provider-neutral {@link ChatRequestParameters}: temperature, top_p, penalties,
 * the token limit, stop, tools, {@code tool_choice} {@code auto}/{@code required}/{@code none} and
 * {@code response_format}. The model name is left to the model instance (a LangChain4j model is configured for one
 * model). What the neutral parameters have no field for — a seed, logit bias, several choices, log probabilities,
 * a named tool choice, {@code parallel_tool_calls: false}, an end-user id — is rejected rather than dropped.
 * Stateless.
 */
final class Lc4jParameters {
  private Lc4jParameters() {}

  static ChatRequestParameters of(ChatCompletionRequest request, List<ToolSpecification> tools,
      List<Violation> violations) {
    Sampling s = request.sampling();
    DefaultChatRequestParameters.Builder<?> p = ChatRequestParameters.builder()
        .temperature(s.temperature())
        .topP(s.topP())
        .frequencyPenalty(s.frequencyPenalty())
        .presencePenalty(s.presencePenalty())
        .maxOutputTokens(s.tokenLimit());
    if (!s.stop().isEmpty()) {
      p.stopSequences(s.stop());
    }
    if (s.seed() != null) {
      violations.add(unsupported(List.of("seed"), "a LangChain4j model takes its seed from its own "
          + "configuration; omit seed"));
    }
    if (!s.logitBias().isEmpty()) {
      violations.add(unsupported(List.of("logit_bias"), "LangChain4j's chat parameters have no logit_bias"));
    }
    rejectDeliveryOptions(request.options(), "a LangChain4j model", violations);
    if (!tools.isEmpty()) {
      p.toolSpecifications(tools);
    }
    switch (request.tools().choice()) {
      case null -> { }
      case ToolChoice.Mode mode when tools.isEmpty() -> { } // nothing to choose from
      case ToolChoice.Mode mode -> p.toolChoice(switch (mode) {
        case AUTO -> dev.langchain4j.model.chat.request.ToolChoice.AUTO;
        case REQUIRED -> dev.langchain4j.model.chat.request.ToolChoice.REQUIRED;
        case NONE -> dev.langchain4j.model.chat.request.ToolChoice.NONE;
      });
      case ToolChoice.Function f -> violations.add(unsupported(List.of("tool_choice"),
          "LangChain4j's chat parameters cannot name the tool to call; use 'required' with that tool alone"));
    }
    if (Boolean.FALSE.equals(request.tools().parallelToolCalls())) {
      violations.add(unsupported(List.of("parallel_tool_calls"), "LangChain4j's chat parameters cannot "
          + "limit the model to one tool call; omit parallel_tool_calls"));
    }
    switch (request.responseFormat()) {
      case null -> { }
      case ResponseFormat.Text t -> p.responseFormat(dev.langchain4j.model.chat.request.ResponseFormat.TEXT);
      case ResponseFormat.JsonObject j -> p.responseFormat(dev.langchain4j.model.chat.request.ResponseFormat.JSON);
      case ResponseFormat.JsonSchema js -> p.responseFormat(js.schema() == null
          ? dev.langchain4j.model.chat.request.ResponseFormat.JSON
          : dev.langchain4j.model.chat.request.ResponseFormat.builder()
              .type(ResponseFormatType.JSON)
              .jsonSchema(JsonSchema.builder().name(js.name())
                  .rootElement(JsonRawSchema.from(js.schema().json())).build())
              .build());
    }
    return p.build();
  }

  /**
   * Rejects what one streamed choice cannot deliver: several choices, log probabilities, an end-user id.
   *
   * @param who the backend, as messages name it ("the ollama backend")
   */
  static void rejectDeliveryOptions(ResponseOptions o, String who, List<Violation> violations) {
    if (o.n() != null && o.n() != 1) {
      violations.add(unsupported(List.of("n"), who + " returns one choice; n must be 1"));
    }
    if (Boolean.TRUE.equals(o.logprobs()) || (o.topLogprobs() != null && o.topLogprobs() > 0)) {
      violations.add(unsupported(List.of(Boolean.TRUE.equals(o.logprobs()) ? "logprobs" : "top_logprobs"),
          who + " cannot return log probabilities"));
    }
    if (o.user() != null) {
      violations.add(unsupported(List.of("user"), who + " has no end-user id; omit user"));
    }
  }
}
