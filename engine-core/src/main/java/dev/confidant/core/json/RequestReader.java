package dev.confidant.core.json;

import static dev.confidant.core.json.Binder.Presence.OPTIONAL;
import static dev.confidant.core.json.Binder.Presence.REQUIRED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.RawJson;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.Sampling;
import dev.confidant.api.Tools;
import dev.confidant.api.Violation;
import dev.confidant.core.internal.validation.RequestValidator;
import dev.confidant.core.internal.validation.RequestValidator.Section;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code CreateChatCompletionRequest} body: binds it by walking the tree (collecting every binding
 * violation), runs {@link RequestValidator} on what could be bound, and reports both at once. Unknown fields
 * are never an error, as OpenAI adds fields all the time: those at the top level are kept verbatim in
 * {@link ChatCompletionRequest#extraFields()}, those inside known objects are ignored. Thread-safe: all state lives
 * in one call.
 */
final class RequestReader {
  /** The top-level fields bound to the record; every other field is kept in {@code extraFields}. */
  static final Set<String> MODELLED = Set.of("model", "messages", "temperature", "top_p", "max_tokens",
      "max_completion_tokens", "stop", "seed", "frequency_penalty", "presence_penalty", "logit_bias", "n", "stream",
      "stream_options", "logprobs", "top_logprobs", "user", "tools", "tool_choice", "parallel_tool_calls",
      "response_format");

  private final RequestValidator validator;

  RequestReader(RequestValidator validator) {
    this.validator = validator;
  }

  /**
   * @throws InvalidRequestException with every binding and semantic violation
   */
  ChatCompletionRequest read(String json) {
    if (json.isEmpty()) {
      // FastAPI treats an empty body as no body at all.
      throw new InvalidRequestException(List.of(Violation.of(Loc.ROOT.parts(), Binder.FIELD_REQUIRED, "missing")));
    }
    JsonNode root;
    try {
      root = JsonSupport.parse(json);
    } catch (JsonSupport.MalformedJson e) {
      throw jsonInvalid(e.position());
    }
    Binder binder = new Binder();
    Bound bound = bind(root, binder);
    if (bound != null && binder.count() == 0) {
      return bound.request(); // the engine's validation stage checks the rules; they are not checked here too
    }
    // The engine never sees a body that did not bind, so its rules are checked on what did, to report every
    // problem at once as FastAPI does. Server tools are the engine's: the validator is told it does not know them.
    List<Violation> all = bound == null
        ? binder.violations()
        : ViolationMerger.merge(binder.violations(),
            validator.validate(bound.request(), bound.incomplete(), null), bound.positions(), root);
    throw new InvalidRequestException(all);
  }

  /**
   * The engine's violations of a request read from {@code json}, each {@code input} taken from the body where its
   * location resolves there, so that it shows what the client sent ({@code 3}, not the record's {@code 3.0}).
   */
  static InvalidRequestException asSent(InvalidRequestException failure, String json) {
    JsonNode root;
    try {
      root = JsonSupport.parse(json);
    } catch (JsonSupport.MalformedJson e) {
      return failure;
    }
    return new InvalidRequestException(ViolationMerger.merge(List.of(), failure.violations(), null, root));
  }

  /** FastAPI's answer to a body that is not JSON; {@code input} is always {@code {}} there. */
  static InvalidRequestException jsonInvalid(int position) {
    return new InvalidRequestException(List.of(
        new Violation(List.of(position), "JSON decode error", "json_invalid", RawJson.of("{}"))));
  }

  private static @Nullable Bound bind(JsonNode root, Binder binder) {
    if (root.isNull()) {
      binder.missing(Loc.ROOT); // FastAPI: a JSON null body is a missing body
      return null;
    }
    ObjectNode body = binder.asObject(root, Loc.ROOT);
    if (body == null) {
      return null;
    }
    Loc loc = Loc.ROOT;
    String model = binder.string(body, "model", loc, OPTIONAL);
    List<Integer> messagePositions = new ArrayList<>();
    List<ChatMessage> messages = messages(body, loc, binder, messagePositions);
    Sampling sampling = new Sampling(
        binder.number(body, "temperature", loc, OPTIONAL),
        binder.number(body, "top_p", loc, OPTIONAL),
        binder.integer(body, "max_tokens", loc, OPTIONAL),
        binder.integer(body, "max_completion_tokens", loc, OPTIONAL),
        stop(body, loc, binder),
        binder.int64(body, "seed", loc, OPTIONAL),
        binder.number(body, "frequency_penalty", loc, OPTIONAL),
        binder.number(body, "presence_penalty", loc, OPTIONAL),
        logitBias(body, loc, binder));
    ResponseOptions options = options(body, loc, binder);
    ToolsReader toolsReader = new ToolsReader(binder);
    List<Integer> toolPositions = new ArrayList<>();
    Tools tools = toolsReader.read(body, loc, toolPositions);
    var request = new ChatCompletionRequest(
        model, messages, sampling, tools, toolsReader.responseFormat(body, loc), options, extraFields(body));
    return new Bound(request, new Positions(messagePositions, toolPositions), incomplete(binder.violations()));
  }

  private static List<ChatMessage> messages(ObjectNode body, Loc loc, Binder binder, List<Integer> positions) {
    ArrayNode array = binder.list(body, "messages", loc, REQUIRED);
    if (array == null) {
      return List.of();
    }
    MessageReader reader = new MessageReader(binder);
    List<ChatMessage> messages = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      ChatMessage message = reader.read(array.get(i), loc.field("messages").index(i));
      if (message != null) {
        messages.add(message);
        positions.add(i);
      }
    }
    return messages;
  }

  /** The top-level fields this reader does not bind, verbatim and in body order; {@code null} values are absent. */
  private static Map<String, RawJson> extraFields(ObjectNode body) {
    Map<String, RawJson> extra = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!MODELLED.contains(field.getKey()) && !field.getValue().isNull()) {
        extra.put(field.getKey(), JsonSupport.raw(field.getValue()));
      }
    }
    return extra;
  }

  /** {@code stop}: a string or an array of strings; a single string becomes a one-element list. */
  private static List<String> stop(ObjectNode body, Loc loc, Binder binder) {
    JsonNode value = binder.field(body, "stop", loc, OPTIONAL);
    if (value == null) {
      return List.of();
    }
    if (value.isTextual()) {
      return List.of(value.textValue());
    }
    Loc at = loc.field("stop");
    if (!(value instanceof ArrayNode array)) {
      binder.error(at, "string_type", "Input should be a valid string", value); // see MessageReader#content
      return List.of();
    }
    List<String> stop = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String sequence = binder.asString(array.get(i), at.index(i));
      if (sequence != null) {
        stop.add(sequence);
      }
    }
    return stop;
  }

  private static Map<String, Integer> logitBias(ObjectNode body, Loc loc, Binder binder) {
    ObjectNode object = binder.dict(body, "logit_bias", loc, OPTIONAL);
    if (object == null) {
      return Map.of();
    }
    Map<String, Integer> bias = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      Integer value = binder.asInteger(entry.getValue(), loc.field("logit_bias").field(entry.getKey()));
      if (value != null) {
        bias.put(entry.getKey(), value);
      }
    }
    return bias;
  }

  private static ResponseOptions options(ObjectNode body, Loc loc, Binder binder) {
    Integer n = binder.integer(body, "n", loc, OPTIONAL);
    Boolean stream = binder.bool(body, "stream", loc, OPTIONAL);
    ObjectNode streamOptions = binder.object(body, "stream_options", loc, OPTIONAL);
    Boolean includeUsage = streamOptions == null
        ? null : binder.bool(streamOptions, "include_usage", loc.field("stream_options"), OPTIONAL);
    Boolean logprobs = binder.bool(body, "logprobs", loc, OPTIONAL);
    Integer topLogprobs = binder.integer(body, "top_logprobs", loc, OPTIONAL);
    String user = binder.string(body, "user", loc, OPTIONAL);
    return new ResponseOptions(n, stream, includeUsage, logprobs, topLogprobs, user);
  }

  /** Sections with binding violations: the validator must not judge them as a whole. */
  private static Set<Section> incomplete(List<Violation> violations) {
    Set<Section> incomplete = EnumSet.noneOf(Section.class);
    for (Violation v : violations) {
      Object field = v.loc().isEmpty() ? "" : v.loc().get(0);
      if (field.equals("messages")) {
        incomplete.add(Section.MESSAGES);
      } else if (field.equals("tools")) {
        incomplete.add(Section.TOOLS);
      }
    }
    return incomplete;
  }

  /** The bound request and what the validator needs to know about it. */
  private record Bound(ChatCompletionRequest request, Positions positions, Set<Section> incomplete) {}

  /**
   * Wire positions of the bound messages and tools: invalid ones are left out of the record, so the record's
   * positions must be mapped back before they appear in a loc.
   */
  record Positions(List<Integer> messages, List<Integer> tools) {}
}
