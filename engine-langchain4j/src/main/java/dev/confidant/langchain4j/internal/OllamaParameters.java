package dev.confidant.langchain4j.internal;

import static dev.confidant.langchain4j.internal.Lc4jMessages.unsupported;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.Sampling;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.Violation;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import java.util.List;

/**
 * Maps a request to {@link OllamaChatRequestParameters}: temperature, top_p, max tokens ({@code num_predict}),
 * stop, seed, tools and {@code format} (JSON or a JSON schema). What Ollama's {@code /api/chat} has no field for
 * (penalties, logit bias, several choices, log probabilities, a forced tool, the end-user id) is rejected.
 * Stateless.
 */
final class OllamaParameters {
  private OllamaParameters() {}

  static OllamaChatRequestParameters of(ChatCompletionRequest request, List<ToolSpecification> tools,
      List<Violation> violations) {
    String model = request.model();
    if (model == null || model.isBlank()) {
      violations.add(Violation.of(List.of("model"), "the ollama backend needs a model name", "missing"));
      model = "";
    }
    Sampling s = request.sampling();
    OllamaChatRequestParameters.Builder p = OllamaChatRequestParameters.builder()
        .modelName(model)
        .temperature(s.temperature())
        .topP(s.topP())
        .maxOutputTokens(s.tokenLimit());
    if (!s.stop().isEmpty()) {
      p.stopSequences(s.stop());
    }
    if (s.seed() != null) {
      if (s.seed() < Integer.MIN_VALUE || s.seed() > Integer.MAX_VALUE) {
        violations.add(unsupported(List.of("seed"), "the ollama backend passes 32-bit seeds only; got "
            + s.seed()));
      } else {
        p.seed(s.seed().intValue());
      }
    }
    if (s.frequencyPenalty() != null) {
      violations.add(unsupported(List.of("frequency_penalty"), "Ollama's chat API has no frequency_penalty;"
          + " omit it or use the openai backend"));
    }
    if (s.presencePenalty() != null) {
      violations.add(unsupported(List.of("presence_penalty"), "Ollama's chat API has no presence_penalty;"
          + " omit it or use the openai backend"));
    }
    if (!s.logitBias().isEmpty()) {
      violations.add(unsupported(List.of("logit_bias"), "Ollama's chat API has no logit_bias"));
    }
    Lc4jParameters.rejectDeliveryOptions(request.options(), "the ollama backend", violations);
    tools(request, tools, p, violations);
    ResponseFormat format = request.responseFormat();
    switch (format) {
      case null -> { }
      case ResponseFormat.Text t -> { }
      case ResponseFormat.JsonObject j -> p.responseFormat(dev.langchain4j.model.chat.request.ResponseFormat.JSON);
      case ResponseFormat.JsonSchema js -> {
        if (js.description() != null) {
          violations.add(unsupported(List.of("response_format", "json_schema", "description"),
              "Ollama's format takes the schema only; omit the description"));
        }
        if (Boolean.FALSE.equals(js.strict())) {
          violations.add(unsupported(List.of("response_format", "json_schema", "strict"),
              "Ollama always enforces the schema; strict=false cannot be honoured"));
        }
        if (js.schema() == null) {
          p.responseFormat(dev.langchain4j.model.chat.request.ResponseFormat.JSON);
        } else {
          p.responseFormat(dev.langchain4j.model.chat.request.ResponseFormat.builder()
              .type(ResponseFormatType.JSON)
              .jsonSchema(JsonSchema.builder().name(js.name()).rootElement(JsonRawSchema.from(js.schema().json()))
                  .build())
              .build());
        }
      }
    }
    return p.build();
  }

  private static void tools(ChatCompletionRequest request, List<ToolSpecification> tools,
      OllamaChatRequestParameters.Builder p, List<Violation> violations) {
    ToolChoice choice = request.tools().choice();
    if (choice == ToolChoice.Mode.NONE) {
      return; // 'none' is honoured by not offering the tools at all
    }
    if (choice == ToolChoice.Mode.REQUIRED || choice instanceof ToolChoice.Function) {
      violations.add(unsupported(List.of("tool_choice"), "Ollama lets the model decide whether to call a "
          + "tool; tool_choice must be 'auto' or 'none'"));
    }
    if (Boolean.FALSE.equals(request.tools().parallelToolCalls())) {
      violations.add(unsupported(List.of("parallel_tool_calls"), "Ollama cannot be told to call at most "
          + "one tool; omit parallel_tool_calls"));
    }
    if (!tools.isEmpty()) {
      p.toolSpecifications(tools);
    }
  }
}
