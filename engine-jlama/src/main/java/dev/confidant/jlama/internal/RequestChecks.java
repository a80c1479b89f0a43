package dev.confidant.jlama.internal;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.Content;
import dev.confidant.api.ContentPart;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.Sampling;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds what the {@code jlama} backend cannot honour in a request, as pydantic-style violations: every set field
 * is either honoured or rejected, never silently ignored. Field names in {@code loc} are the wire names. The
 * model-independent checks run before the model loads; {@link #againstModel} checks what needs the model (token
 * ids, context length). Stateless.
 */
final class RequestChecks {
  private static final String UNSUPPORTED = "value_error";

  private RequestChecks() {}

  /** The violations found without the model. */
  static List<Violation> check(ChatCompletionRequest request) {
    List<Violation> v = new ArrayList<>();
    checkMessages(request.messages(), v);
    checkSampling(request.sampling(), v);
    checkOptions(request.options(), v);
    ToolChoice choice = request.tools().choice();
    if (choice == ToolChoice.Mode.REQUIRED || choice instanceof ToolChoice.Function) {
      // Without constrained decoding the model may answer in text: forcing a call cannot be honoured.
      v.add(violation(List.of("tool_choice"), "the jlama backend cannot force a tool call; use "
          + "tool_choice 'auto' (the model decides) or 'none', or a backend with constrained tool calling"));
    }
    return v;
  }

  /**
   * The violations that need the loaded model: unknown logit-bias token ids and a prompt or token limit beyond
   * the context.
   */
  static List<Violation> againstModel(ChatCompletionRequest request, int promptTokens, int vocabSize,
      int maxPositions) {
    List<Violation> v = new ArrayList<>();
    for (String token : request.sampling().logitBias().keySet()) {
      int id = Integer.parseInt(token.strip()); // check() proved it parses
      if (id >= vocabSize) {
        v.add(violation(List.of("logit_bias", token),
            "token id " + id + " is not in the model's vocabulary of " + vocabSize + " tokens"));
      }
    }
    if (promptTokens >= maxPositions) {
      v.add(Violation.of(List.of("messages"), "the prompt has " + promptTokens + " tokens but this model's "
          + "context holds at most " + maxPositions + " prompt and completion tokens; shorten the messages",
          "context_length_exceeded"));
    } else {
      Integer limit = request.sampling().tokenLimit();
      if (limit != null && promptTokens + limit > maxPositions) {
        v.add(Violation.of(List.of(limitField(request.sampling())), "the prompt has " + promptTokens
            + " tokens, so at most " + (maxPositions - promptTokens) + " completion tokens fit in this model's "
            + "context of " + maxPositions + " tokens; got " + limit, "context_length_exceeded"));
      }
    }
    return v;
  }

  private static void checkMessages(List<ChatMessage> messages, List<Violation> v) {
    if (messages.isEmpty()) {
      v.add(Violation.of(List.of("messages"), "at least one message is required", "too_short"));
    }
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      if (m.content() instanceof Content.Parts parts) {
        for (int j = 0; j < parts.parts().size(); j++) {
          ContentPart part = parts.parts().get(j);
          if (!(part instanceof ContentPart.TextPart)) {
            v.add(violation(List.of("messages", i, "content", j, "type"),
                "content parts of type '" + part.type() + "' are not supported by the jlama backend: "
                    + "it reads text only"));
          }
        }
      }
    }
  }

  private static void checkSampling(Sampling s, List<Violation> v) {
    range(s.temperature(), 0, 2, "temperature", v);
    range(s.topP(), 0, 1, "top_p", v);
    range(s.frequencyPenalty(), -2, 2, "frequency_penalty", v);
    range(s.presencePenalty(), -2, 2, "presence_penalty", v);
    if (s.maxTokens() != null && s.maxTokens() < 1) {
      v.add(Violation.of(List.of("max_tokens"), "Input should be greater than or equal to 1",
          "greater_than_equal"));
    }
    if (s.maxCompletionTokens() != null && s.maxCompletionTokens() < 1) {
      v.add(Violation.of(List.of("max_completion_tokens"), "Input should be greater than or equal to 1",
          "greater_than_equal"));
    }
    if (s.stop().size() > 4) {
      v.add(Violation.of(List.of("stop"), "at most 4 stop sequences are allowed", "too_long"));
    }
    for (int i = 0; i < s.stop().size(); i++) {
      if (s.stop().get(i).isEmpty()) {
        v.add(Violation.of(List.of("stop", i), "a stop sequence must not be empty", "string_too_short"));
      }
    }
    for (Map.Entry<String, Integer> bias : s.logitBias().entrySet()) {
      if (!bias.getKey().strip().matches("\\d{1,9}")) {
        v.add(Violation.of(List.of("logit_bias", bias.getKey()), "keys must be token ids", "int_parsing"));
      } else if (bias.getValue() == null || bias.getValue() < -100 || bias.getValue() > 100) {
        v.add(Violation.of(List.of("logit_bias", bias.getKey()), "bias must be in [-100, 100]",
            "value_error"));
      }
    }
  }

  private static void checkOptions(ResponseOptions o, List<Violation> v) {
    if (o.n() != null && o.n() != 1) {
      v.add(violation(List.of("n"), "the jlama backend generates one choice per request; n must be 1"));
    }
    if (Boolean.TRUE.equals(o.logprobs())) {
      v.add(violation(List.of("logprobs"), "log probabilities are not supported by the jlama backend yet"));
    }
    if (o.topLogprobs() != null && o.topLogprobs() > 0) {
      v.add(violation(List.of("top_logprobs"),
          "log probabilities are not supported by the jlama backend yet"));
    }
  }

  private static void range(@Nullable Double value, double min, double max, String field, List<Violation> v) {
    if (value != null && !(value >= min && value <= max)) {
      v.add(Violation.of(List.of(field), "Input should be between " + min + " and " + max,
          "value_error"));
    }
  }

  private static String limitField(Sampling s) {
    return s.maxCompletionTokens() != null ? "max_completion_tokens" : "max_tokens";
  }

  private static Violation violation(List<Object> loc, String msg) {
    return Violation.of(loc, msg, UNSUPPORTED);
  }
}
