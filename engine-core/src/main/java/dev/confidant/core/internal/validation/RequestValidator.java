package dev.confidant.core.internal.validation;

import static dev.confidant.core.internal.validation.Checks.at;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.Content;
import dev.confidant.api.ContentPart;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.Sampling;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.Tools;
import dev.confidant.api.UserMessage;
import dev.confidant.api.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Semantic checks of a {@link ChatCompletionRequest}: what the record types cannot express. Reports every
 * violation, at locations relative to the request with its own list positions, in {@link ViolationOrder}.
 *
 * <table class="striped">
 *   <caption>Checks</caption>
 *   <thead><tr><th>field</th><th>rule</th><th>violation type</th></tr></thead>
 *   <tbody>
 *     <tr><td>messages</td><td>at least one</td><td>too_short</td></tr>
 *     <tr><td>messages[i].content</td><td>a part array is not empty; part types fit the role; an assistant
 *         message has content, tool calls or a refusal</td><td>too_short, literal_error, missing</td></tr>
 *     <tr><td>messages</td><td>tool calls and tool messages pair up (see {@link ToolCallPairing})</td>
 *         <td>value_error</td></tr>
 *     <tr><td>temperature, top_p</td><td>0..2, 0..1</td><td rowspan="3">greater_than_equal, less_than_equal,
 *         finite_number</td></tr>
 *     <tr><td>frequency_penalty, presence_penalty</td><td>-2..2</td></tr>
 *     <tr><td>max_tokens, max_completion_tokens, n, top_logprobs</td><td>&ge; 1, &ge; 1, 1..128, 0..20</td></tr>
 *     <tr><td>stop</td><td>at most 4</td><td>too_long</td></tr>
 *     <tr><td>logit_bias</td><td>token-id keys, values -100..100</td><td>int_parsing, ...</td></tr>
 *     <tr><td>top_logprobs</td><td>only with {@code logprobs: true}</td><td>value_error</td></tr>
 *     <tr><td>tools[i].function.name, response_format.json_schema.name</td><td>{@code ^[a-zA-Z0-9_-]{1,64}$};
 *         tool names unique</td><td>string_pattern_mismatch, value_error</td></tr>
 *     <tr><td>tool_choice</td><td>{@code required} or a function only with tools (client tools, or server
 *         tools the request's space may use); the function is one of them</td><td>value_error</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Server tools ({@link ServerToolNames}) are known to the validation stage, not to the JSON codec: the codec
 * leaves a {@code tool_choice} that names a function outside {@code tools} to the stage.
 *
 * <p>{@code seed} needs no check: any {@code long} is valid, and the codec rejects what does not fit one.
 *
 * <p>Stateless and thread-safe.
 */
public final class RequestValidator {
  /** Parts of a request that binding could only read partially, so that checks across them must be skipped. */
  public enum Section {
    /** Some messages did not bind: emptiness and tool-call pairing would report consequences, not causes. */
    MESSAGES,
    /** Some tools did not bind: checking {@code tool_choice} against the rest would report a false mismatch. */
    TOOLS
  }

  /**
   * The server tools a request may name in {@code tool_choice}.
   *
   * @param allowed the server tools the request's space may use
   * @param forbidden the other server tools of the engine, for a clearer message
   * @param space the request's space, for messages, or {@code null}
   */
  public record ServerToolNames(Set<String> allowed, Set<String> forbidden, @Nullable String space) {
    /** An engine without server tools. */
    public static final ServerToolNames NONE = new ServerToolNames(Set.of(), Set.of(), null);

    public ServerToolNames {
      allowed = Set.copyOf(allowed);
      forbidden = Set.copyOf(forbidden);
    }
  }

  private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
  private static final List<String> TEXT_PARTS = List.of("text");
  private static final List<String> USER_PARTS = List.of("text", "image_url", "input_audio", "file");
  private static final List<String> ASSISTANT_PARTS = List.of("text", "refusal");

  /** Creates a validator. */
  public RequestValidator() {}

  /** Every violation of a complete request to an engine without server tools; empty if it is valid. */
  public List<Violation> validate(ChatCompletionRequest request) {
    return validate(request, Set.of());
  }

  /**
   * Every violation of a request to an engine without server tools, some of whose sections are incomplete;
   * checks that need a whole section are skipped for the incomplete ones.
   */
  public List<Violation> validate(ChatCompletionRequest request, Set<Section> incomplete) {
    return validate(request, incomplete, ServerToolNames.NONE);
  }

  /**
   * Every violation of a request some of whose sections are incomplete.
   *
   * @param serverTools the server tools the request may name in {@code tool_choice}, or {@code null} when they
   *     are not known here (the JSON codec): then a function outside {@code tools} is not reported
   */
  public List<Violation> validate(ChatCompletionRequest request, Set<Section> incomplete,
      @Nullable ServerToolNames serverTools) {
    Checks checks = new Checks();
    if (request.model() != null && request.model().isBlank()) {
      checks.add(at("model"), "String should have at least 1 character", "string_too_short", request.model());
    }
    messages(request.messages(), incomplete.contains(Section.MESSAGES), checks);
    sampling(request.sampling(), checks);
    options(request.options(), checks);
    tools(request.tools(), incomplete.contains(Section.TOOLS), serverTools, checks);
    if (request.responseFormat() instanceof ResponseFormat.JsonSchema schema) {
      checks.pattern(at("response_format", "json_schema", "name"), schema.name(), NAME);
    }
    List<Violation> sorted = new ArrayList<>(checks.violations());
    sorted.sort(ViolationOrder.BY_LOCATION);
    return List.copyOf(sorted);
  }

  private static void messages(List<ChatMessage> messages, boolean incomplete, Checks checks) {
    if (!incomplete) {
      checks.minItems(at("messages"), messages, 1);
    }
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage message = messages.get(i);
      if (message.content() instanceof Content.Parts parts) {
        checks.minItems(at("messages", i, "content"), parts.parts(), 1);
        List<String> allowed = switch (message) {
          case UserMessage u -> USER_PARTS;
          case AssistantMessage a -> ASSISTANT_PARTS;
          default -> TEXT_PARTS;
        };
        for (int j = 0; j < parts.parts().size(); j++) {
          String type = parts.parts().get(j).type();
          if (!allowed.contains(type)) {
            checks.add(at("messages", i, "content", j, "type"), PydanticMessages.literal(allowed),
                "literal_error", type);
          }
        }
      }
      if (message instanceof AssistantMessage a && a.content() == null && a.toolCalls().isEmpty()
          && a.refusal() == null) {
        // OpenAI: content is "required unless tool_calls or function_call is specified".
        checks.missing(at("messages", i, "content"));
      }
    }
    if (!incomplete) {
      ToolCallPairing.check(messages, checks);
    }
  }

  private static void sampling(Sampling s, Checks checks) {
    checks.between(at("temperature"), s.temperature(), 0, 2);
    checks.between(at("top_p"), s.topP(), 0, 1);
    checks.atLeast(at("max_tokens"), s.maxTokens(), 1);
    checks.atLeast(at("max_completion_tokens"), s.maxCompletionTokens(), 1);
    checks.maxItems(at("stop"), s.stop(), 4);
    checks.between(at("frequency_penalty"), s.frequencyPenalty(), -2, 2);
    checks.between(at("presence_penalty"), s.presencePenalty(), -2, 2);
    // Sorted by key: Map.copyOf has no order, and reports must be reproducible.
    new TreeMap<>(s.logitBias()).forEach((token, bias) -> {
      if (!isTokenId(token)) {
        checks.add(at("logit_bias", token, "[key]"),
            "Input should be a valid integer, unable to parse string as an integer", "int_parsing", token);
      }
      checks.between(at("logit_bias", token), bias, -100, 100);
    });
  }

  private static boolean isTokenId(String key) {
    try {
      return Integer.parseInt(key.strip()) >= 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void options(ResponseOptions o, Checks checks) {
    checks.between(at("n"), o.n(), 1, 128);
    checks.between(at("top_logprobs"), o.topLogprobs(), 0, 20);
    if (o.topLogprobs() != null && !Boolean.TRUE.equals(o.logprobs())) {
      checks.valueError(at("top_logprobs"), "top_logprobs requires logprobs to be true", o.topLogprobs());
    }
  }

  private static void tools(Tools tools, boolean incomplete, @Nullable ServerToolNames server, Checks checks) {
    List<ToolDefinition> definitions = tools.definitions();
    Map<String, Integer> firstByName = new HashMap<>();
    for (int i = 0; i < definitions.size(); i++) {
      String name = definitions.get(i).name();
      List<Object> loc = at("tools", i, "function", "name");
      checks.pattern(loc, name, NAME);
      Integer first = firstByName.putIfAbsent(name, i);
      if (first != null) {
        checks.valueError(loc, "duplicate tool name '" + name + "' (also tools[" + first + "])", name);
      }
    }
    if (incomplete) {
      return;
    }
    if (tools.choice() instanceof ToolChoice.Function f && !firstByName.containsKey(f.name())) {
      if (server == null || server.allowed().contains(f.name())) {
        return; // a server tool the space may use (or one the validation stage will check)
      }
      List<Object> loc = at("tool_choice", "function", "name");
      if (server.forbidden().contains(f.name())) {
        checks.valueError(loc, "tool_choice names server tool '" + f.name() + "', which "
            + (server.space() == null ? "requests without a space" : "space '" + server.space() + "'")
            + " may not use; server tools it may use: " + new TreeSet<>(server.allowed()), f.name());
      } else if (definitions.isEmpty() && server.allowed().isEmpty()) {
        checks.valueError(loc, "tool_choice names function '" + f.name() + "' but 'tools' is empty", f.name());
      } else {
        checks.valueError(loc, "tool_choice names function '" + f.name() + "', which is not in 'tools'"
            + (server.allowed().isEmpty() ? "" : " nor a server tool") + "; available: "
            + available(definitions, server), f.name());
      }
      return;
    }
    switch (tools.choice()) {
      case ToolChoice.Mode m when m == ToolChoice.Mode.REQUIRED && definitions.isEmpty()
          && server != null && server.allowed().isEmpty() ->
          checks.valueError(at("tool_choice"), "tool_choice 'required' needs at least one tool in 'tools'",
              m.wireName());
      case null, default -> { }
    }
  }

  private static List<String> available(List<ToolDefinition> definitions, ServerToolNames server) {
    List<String> names = new ArrayList<>(definitions.stream().map(ToolDefinition::name).toList());
    new TreeSet<>(server.allowed()).forEach(names::add);
    return names;
  }
}
