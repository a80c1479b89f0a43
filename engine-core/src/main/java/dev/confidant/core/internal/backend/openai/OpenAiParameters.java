package dev.confidant.core.internal.backend.openai;

import static dev.confidant.core.internal.backend.remote.Lc4jMessages.unsupported;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.Sampling;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.Violation;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a request's sampling, tool and format fields to {@link OpenAiChatRequestParameters}. Everything the Chat
 * Completions API has is passed on; what the streaming path of langchain4j-open-ai cannot bring back
 * ({@code logprobs}, {@code n > 1}) is rejected. {@code response_format} and a named {@code tool_choice} travel
 * verbatim as custom parameters, because LangChain4j's own types would drop the schema's description and cannot
 * name a function. Stateless.
 */
final class OpenAiParameters {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private OpenAiParameters() {}

  static OpenAiChatRequestParameters of(ChatCompletionRequest request, String model, List<ToolSpecification> tools,
      List<Violation> violations) {
    Sampling s = request.sampling();
    OpenAiChatRequestParameters.Builder p = OpenAiChatRequestParameters.builder()
        .modelName(model)
        .temperature(s.temperature())
        .topP(s.topP())
        .frequencyPenalty(s.frequencyPenalty())
        .presencePenalty(s.presencePenalty())
        .maxOutputTokens(s.maxTokens())
        .maxCompletionTokens(s.maxCompletionTokens());
    if (!s.stop().isEmpty()) {
      p.stopSequences(s.stop());
    }
    if (!s.logitBias().isEmpty()) {
      p.logitBias(s.logitBias());
    }
    if (s.seed() != null) {
      if (s.seed() < Integer.MIN_VALUE || s.seed() > Integer.MAX_VALUE) {
        violations.add(unsupported(List.of("body", "seed"), "the openai backend passes 32-bit seeds only; got "
            + s.seed()));
      } else {
        p.seed(s.seed().intValue());
      }
    }
    options(request.options(), p, violations);
    Map<String, Object> custom = new LinkedHashMap<>();
    if (!tools.isEmpty()) {
      p.toolSpecifications(tools);
      if (request.tools().parallelToolCalls() != null) {
        p.parallelToolCalls(request.tools().parallelToolCalls());
      }
    }
    ToolChoice choice = request.tools().choice();
    if (choice != null) {
      switch (choice) {
        case ToolChoice.Mode mode when tools.isEmpty() && mode != ToolChoice.Mode.NONE ->
            violations.add(unsupported(List.of("body", "tool_choice"), "tool_choice '" + mode.wireName()
                + "' needs tools"));
        case ToolChoice.Mode mode when tools.isEmpty() -> { } // 'none' without tools: nothing to choose from
        case ToolChoice.Mode mode -> p.toolChoice(switch (mode) {
          case AUTO -> dev.langchain4j.model.chat.request.ToolChoice.AUTO;
          case NONE -> dev.langchain4j.model.chat.request.ToolChoice.NONE;
          case REQUIRED -> dev.langchain4j.model.chat.request.ToolChoice.REQUIRED;
        });
        case ToolChoice.Function f -> custom.put("tool_choice",
            Map.of("type", "function", "function", Map.of("name", f.name())));
      }
    }
    ResponseFormat format = request.responseFormat();
    if (format != null) {
      custom.put("response_format", switch (format) {
        case ResponseFormat.Text t -> Map.of("type", "text");
        case ResponseFormat.JsonObject j -> Map.of("type", "json_object");
        case ResponseFormat.JsonSchema js -> Map.of("type", "json_schema", "json_schema", jsonSchema(js, violations));
      });
    }
    if (!custom.isEmpty()) {
      p.customParameters(custom);
    }
    return p.build();
  }

  private static void options(ResponseOptions o, OpenAiChatRequestParameters.Builder p, List<Violation> violations) {
    if (o.n() != null && o.n() != 1) {
      violations.add(unsupported(List.of("body", "n"), "the openai backend returns one choice per request; n must "
          + "be 1"));
    }
    if (Boolean.TRUE.equals(o.logprobs())) {
      violations.add(unsupported(List.of("body", "logprobs"), "the openai backend cannot return log probabilities"));
    }
    if (o.topLogprobs() != null && o.topLogprobs() > 0) {
      violations.add(unsupported(List.of("body", "top_logprobs"),
          "the openai backend cannot return log probabilities"));
    }
    if (o.user() != null) {
      p.user(o.user());
    }
  }

  private static Map<String, Object> jsonSchema(ResponseFormat.JsonSchema js, List<Violation> violations) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", js.name());
    if (js.description() != null) {
      out.put("description", js.description());
    }
    if (js.schema() != null) {
      try {
        out.put("schema", JSON.readValue(js.schema().json(), MAP));
      } catch (JsonProcessingException e) {
        violations.add(Violation.of(List.of("body", "response_format", "json_schema", "schema"),
            "the schema must be a JSON object", "json_invalid"));
      }
    }
    if (js.strict() != null) {
      out.put("strict", js.strict());
    }
    return out;
  }
}
