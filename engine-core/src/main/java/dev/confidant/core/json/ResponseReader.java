package dev.confidant.core.json;

import static dev.confidant.core.json.Binder.Presence.OPTIONAL;
import static dev.confidant.core.json.Binder.Presence.REQUIRED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.Choice;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.Content;
import dev.confidant.api.Delta;
import dev.confidant.api.FinishReason;
import dev.confidant.api.MessageContext;
import dev.confidant.api.RawJson;
import dev.confidant.api.Role;
import dev.confidant.api.ToolCall;
import dev.confidant.api.Usage;
import dev.confidant.api.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code chat.completion} and {@code chat.completion.chunk} objects, as a client or a remote backend
 * receives them. Unknown fields are ignored; what the records need must be there and well-typed, otherwise the
 * whole document is rejected with every problem listed. Stateless, thread-safe.
 */
final class ResponseReader {
  private static final List<String> FINISH_REASONS =
      Arrays.stream(FinishReason.values()).map(FinishReason::wireName).toList();

  private ResponseReader() {}

  static ChatCompletionResponse response(String json) {
    return read(json, "chat.completion", ResponseReader::response);
  }

  static ChatCompletionChunk chunk(String json) {
    return read(json, "chat.completion.chunk", ResponseReader::chunk);
  }

  private static <T> T read(String json, String object, BiFunction<ObjectNode, Binder, @Nullable T> binding) {
    JsonNode root;
    try {
      root = JsonSupport.parse(json);
    } catch (JsonSupport.MalformedJson e) {
      throw new IllegalArgumentException(
          "not a " + object + ": invalid JSON at character " + e.position() + ": " + e.getMessage(), e);
    }
    Binder binder = new Binder();
    ObjectNode node = binder.asObject(root, Loc.ROOT);
    T value = null;
    if (node != null) {
      binder.literal(node, "object", Loc.ROOT, OPTIONAL, List.of(object));
      value = binding.apply(node, binder);
    }
    if (value == null || binder.count() > 0) {
      throw new IllegalArgumentException("not a valid " + object + ": " + describe(binder.violations()));
    }
    return value;
  }

  private static String describe(List<Violation> violations) {
    return violations.stream()
        .map(v -> (v.loc().isEmpty() ? "(root)" : v.path()) + ": " + v.msg() + " [" + v.type() + "]")
        .collect(Collectors.joining("; "));
  }

  private static @Nullable ChatCompletionResponse response(ObjectNode node, Binder binder) {
    Envelope envelope = Envelope.of(node, binder);
    List<Choice> choices = choices(node, binder, (choice, at, index) -> {
      ObjectNode message = binder.object(choice, "message", at, REQUIRED);
      AssistantMessage assistant = message == null ? null : message(message, at.field("message"), binder);
      FinishReason reason = finishReason(choice, at, binder);
      return index == null || assistant == null ? null : new Choice(index, assistant, reason, raw(choice, "logprobs"));
    });
    Usage usage = usage(node, Loc.ROOT, binder);
    String fingerprint = binder.string(node, "system_fingerprint", Loc.ROOT, OPTIONAL);
    String tier = binder.string(node, "service_tier", Loc.ROOT, OPTIONAL);
    return envelope.incomplete() ? null : new ChatCompletionResponse(
        envelope.id(), envelope.created(), envelope.model(), choices, usage, fingerprint, tier);
  }

  /** The fields every completion object starts with; a {@code null} one did not bind (the binder says why). */
  private record Envelope(@Nullable String id, @Nullable Long created, @Nullable String model) {
    static Envelope of(ObjectNode node, Binder binder) {
      return new Envelope(binder.string(node, "id", Loc.ROOT, REQUIRED),
          binder.int64(node, "created", Loc.ROOT, REQUIRED), binder.string(node, "model", Loc.ROOT, REQUIRED));
    }

    boolean incomplete() {
      return id == null || created == null || model == null;
    }
  }

  /** Binds one element of {@code choices} whose {@code index} is read; {@code null} if it has violations. */
  @FunctionalInterface
  private interface ChoiceBinder<C> {
    @Nullable C bind(ObjectNode choice, Loc loc, @Nullable Integer index);
  }

  /** The {@code choices} that bound, each by {@code binder}; the others are reported in {@code binder}. */
  private static <C> List<C> choices(ObjectNode node, Binder binder, ChoiceBinder<C> choiceBinder) {
    List<C> choices = new ArrayList<>();
    ArrayNode array = binder.list(node, "choices", Loc.ROOT, REQUIRED);
    for (int i = 0; array != null && i < array.size(); i++) {
      Loc at = Loc.ROOT.field("choices").index(i);
      ObjectNode choice = binder.asObject(array.get(i), at);
      if (choice != null) {
        C bound = choiceBinder.bind(choice, at, binder.integer(choice, "index", at, REQUIRED));
        if (bound != null) {
          choices.add(bound);
        }
      }
    }
    return choices;
  }

  private static AssistantMessage message(ObjectNode node, Loc loc, Binder binder) {
    String content = binder.string(node, "content", loc, OPTIONAL);
    String refusal = binder.string(node, "refusal", loc, OPTIONAL);
    String name = binder.string(node, "name", loc, OPTIONAL);
    List<ToolCall> calls = MessageReader.toolCalls(node, loc, binder);
    MessageContext context = context(node, loc, binder);
    return new AssistantMessage(content == null ? null : Content.of(content), name, refusal, calls, context);
  }

  private static @Nullable ChatCompletionChunk chunk(ObjectNode node, Binder binder) {
    Envelope envelope = Envelope.of(node, binder);
    List<ChunkChoice> choices = choices(node, binder, (choice, at, index) -> {
      ObjectNode delta = binder.object(choice, "delta", at, REQUIRED);
      Delta d = delta == null ? null : delta(delta, at.field("delta"), binder);
      FinishReason reason = finishReason(choice, at, binder);
      return index == null || d == null ? null : new ChunkChoice(index, d, reason, raw(choice, "logprobs"));
    });
    Usage usage = usage(node, Loc.ROOT, binder);
    String fingerprint = binder.string(node, "system_fingerprint", Loc.ROOT, OPTIONAL);
    return envelope.incomplete() ? null
        : new ChatCompletionChunk(envelope.id(), envelope.created(), envelope.model(), choices, usage, fingerprint);
  }

  private static Delta delta(ObjectNode node, Loc loc, Binder binder) {
    String role = binder.literal(node, "role", loc, OPTIONAL, MessageReader.ROLES);
    String content = binder.string(node, "content", loc, OPTIONAL);
    String refusal = binder.string(node, "refusal", loc, OPTIONAL);
    List<Delta.ToolCallDelta> calls = new ArrayList<>();
    ArrayNode array = binder.list(node, "tool_calls", loc, OPTIONAL);
    for (int i = 0; array != null && i < array.size(); i++) {
      Loc at = loc.field("tool_calls").index(i);
      ObjectNode call = binder.asObject(array.get(i), at);
      if (call == null) {
        continue;
      }
      Integer index = binder.integer(call, "index", at, REQUIRED);
      String id = binder.string(call, "id", at, OPTIONAL);
      ObjectNode function = binder.object(call, "function", at, OPTIONAL);
      String name = function == null ? null : binder.string(function, "name", at.field("function"), OPTIONAL);
      String arguments =
          function == null ? null : binder.string(function, "arguments", at.field("function"), OPTIONAL);
      if (index != null) {
        calls.add(new Delta.ToolCallDelta(index, id, name, arguments));
      }
    }
    Role parsedRole = role == null ? null : Role.valueOf(role.toUpperCase(Locale.ROOT));
    return new Delta(parsedRole, content, refusal, calls, context(node, loc, binder));
  }

  private static @Nullable FinishReason finishReason(ObjectNode choice, Loc loc, Binder binder) {
    String reason = binder.literal(choice, "finish_reason", loc, OPTIONAL, FINISH_REASONS);
    return reason == null ? null : FinishReason.fromWireName(reason).orElse(null);
  }

  private static @Nullable Usage usage(ObjectNode node, Loc loc, Binder binder) {
    ObjectNode usage = binder.object(node, "usage", loc, OPTIONAL);
    if (usage == null) {
      return null;
    }
    Loc at = loc.field("usage");
    // CompletionUsage gives each count a default of 0.
    Integer prompt = binder.integer(usage, "prompt_tokens", at, OPTIONAL);
    Integer completion = binder.integer(usage, "completion_tokens", at, OPTIONAL);
    Integer total = binder.integer(usage, "total_tokens", at, OPTIONAL);
    binder.dict(usage, "prompt_tokens_details", at, OPTIONAL);
    binder.dict(usage, "completion_tokens_details", at, OPTIONAL);
    return new Usage(orZero(prompt), orZero(completion), orZero(total),
        raw(usage, "prompt_tokens_details"), raw(usage, "completion_tokens_details"));
  }

  private static @Nullable MessageContext context(ObjectNode node, Loc loc, Binder binder) {
    ObjectNode context = binder.object(node, "context", loc, OPTIONAL);
    if (context == null) {
      return null;
    }
    Loc at = loc.field("context");
    ArrayNode array = binder.list(context, "citations", at, OPTIONAL);
    List<MessageContext.Citation> citations = new ArrayList<>();
    for (int i = 0; array != null && i < array.size(); i++) {
      Loc c = at.field("citations").index(i);
      ObjectNode citation = binder.asObject(array.get(i), c);
      if (citation == null) {
        continue;
      }
      String content = binder.string(citation, "content", c, REQUIRED);
      String title = binder.string(citation, "title", c, OPTIONAL);
      String sourceId = binder.string(citation, "source_id", c, OPTIONAL);
      String chunkId = binder.string(citation, "chunk_id", c, OPTIONAL);
      Double score = binder.number(citation, "score", c, OPTIONAL);
      if (content != null) {
        citations.add(new MessageContext.Citation(content, orEmpty(title), orEmpty(sourceId), orEmpty(chunkId),
            score == null ? 0 : score));
      }
    }
    return new MessageContext(citations);
  }

  /** A field kept verbatim, or {@code null} when absent or {@code null}. */
  private static @Nullable RawJson raw(ObjectNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : JsonSupport.raw(value);
  }

  private static int orZero(@Nullable Integer value) {
    return value == null ? 0 : value;
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }
}
