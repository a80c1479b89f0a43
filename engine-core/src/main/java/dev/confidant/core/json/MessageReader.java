package dev.confidant.core.json;

import static dev.confidant.core.json.Binder.Presence.OPTIONAL;
import static dev.confidant.core.json.Binder.Presence.REQUIRED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.Content;
import dev.confidant.api.ContentPart;
import dev.confidant.api.DeveloperMessage;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.ToolCall;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.UserMessage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code messages} of a request. A message with any violation is left out of the result (its
 * violations are in the binder), so the caller must map record positions back to wire positions.
 * Not thread-safe: one reader per document.
 */
final class MessageReader {
  static final List<String> ROLES = List.of("system", "developer", "user", "assistant", "tool");

  // Part types per role, as in OpenAI's schema. input_audio and file are accepted and kept verbatim (OtherPart);
  // a type outside these lists is a literal_error rather than silently dropped content.
  private static final List<String> TEXT_PARTS = List.of("text");
  private static final List<String> USER_PARTS = List.of("text", "image_url", "input_audio", "file");
  private static final List<String> ASSISTANT_PARTS = List.of("text", "refusal");
  private static final List<String> IMAGE_DETAILS = List.of("auto", "low", "high");
  private static final List<String> FUNCTION = List.of("function");

  private final Binder binder;

  MessageReader(Binder binder) {
    this.binder = binder;
  }

  /**
   * Binds one message.
   *
   * @return the message, or {@code null} if it has violations
   */
  @Nullable ChatMessage read(JsonNode node, Loc loc) {
    ObjectNode object = binder.asObject(node, loc);
    if (object == null) {
      return null;
    }
    int before = binder.count();
    // Without a valid role the schema of the other fields is unknown, so nothing else is reported.
    String role = binder.literal(object, "role", loc, REQUIRED, ROLES);
    if (role == null) {
      return null;
    }
    ChatMessage message = switch (role) {
      case "system" -> {
        Content content = content(object, loc, TEXT_PARTS, REQUIRED);
        String name = binder.string(object, "name", loc, OPTIONAL);
        yield content == null ? null : new SystemMessage(content, name);
      }
      case "developer" -> {
        Content content = content(object, loc, TEXT_PARTS, REQUIRED);
        String name = binder.string(object, "name", loc, OPTIONAL);
        yield content == null ? null : new DeveloperMessage(content, name);
      }
      case "user" -> {
        Content content = content(object, loc, USER_PARTS, REQUIRED);
        String name = binder.string(object, "name", loc, OPTIONAL);
        yield content == null ? null : new UserMessage(content, name);
      }
      case "assistant" -> assistant(object, loc);
      default -> {
        Content content = content(object, loc, TEXT_PARTS, REQUIRED);
        String callId = binder.string(object, "tool_call_id", loc, REQUIRED);
        yield content == null || callId == null ? null : new ToolMessage(content, callId);
      }
    };
    // Known fields that belong to another role: rejected rather than ignored, because ignoring a tool call on a
    // user message would silently change the conversation. Unknown fields stay tolerated.
    if (!role.equals("assistant")) {
      binder.forbidden(object, "tool_calls", loc);
    }
    if (!role.equals("tool")) {
      binder.forbidden(object, "tool_call_id", loc);
    }
    return binder.count() == before ? message : null;
  }

  private @Nullable AssistantMessage assistant(ObjectNode object, Loc loc) {
    Content content = content(object, loc, ASSISTANT_PARTS, OPTIONAL);
    String refusal = binder.string(object, "refusal", loc, OPTIONAL);
    String name = binder.string(object, "name", loc, OPTIONAL);
    List<ToolCall> calls = toolCalls(object, loc, binder);
    return new AssistantMessage(content, name, refusal, calls, null);
  }

  /** {@code content}: a string or a non-empty array of parts (emptiness is a semantic check). */
  private @Nullable Content content(ObjectNode object, Loc loc, List<String> partTypes, Binder.Presence presence) {
    JsonNode value = binder.field(object, "content", loc, presence);
    if (value == null) {
      return null;
    }
    Loc at = loc.field("content");
    if (value.isTextual()) {
      return Content.of(value.textValue());
    }
    if (value instanceof ArrayNode array) {
      List<ContentPart> parts = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        ContentPart part = part(array.get(i), at.index(i), partTypes);
        if (part != null) {
          parts.add(part);
        }
      }
      return parts.size() == array.size() ? new Content.Parts(parts) : null;
    }
    // pydantic would report one error per union member (str, list[...]) under synthetic locs; one error at the
    // field itself is clearer and keeps locs real paths.
    binder.error(at, "string_type", "Input should be a valid string", value);
    return null;
  }

  private @Nullable ContentPart part(JsonNode node, Loc loc, List<String> types) {
    ObjectNode object = binder.asObject(node, loc);
    if (object == null) {
      return null;
    }
    String type = binder.literal(object, "type", loc, REQUIRED, types);
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "text" -> {
        String text = binder.string(object, "text", loc, REQUIRED);
        yield text == null ? null : new ContentPart.TextPart(text);
      }
      case "refusal" -> {
        String refusal = binder.string(object, "refusal", loc, REQUIRED);
        yield refusal == null ? null : new ContentPart.RefusalPart(refusal);
      }
      case "image_url" -> imageUrl(object, loc);
      default -> {
        // input_audio / file: the payload object must be there; its inside is the backend's business.
        ObjectNode payload = binder.object(object, type, loc, REQUIRED);
        yield payload == null ? null : new ContentPart.OtherPart(type, JsonSupport.raw(object));
      }
    };
  }

  private ContentPart.@Nullable ImageUrlPart imageUrl(ObjectNode part, Loc loc) {
    ObjectNode image = binder.object(part, "image_url", loc, REQUIRED);
    if (image == null) {
      return null;
    }
    Loc at = loc.field("image_url");
    String url = binder.string(image, "url", at, REQUIRED);
    String detail = binder.literal(image, "detail", at, OPTIONAL, IMAGE_DETAILS);
    return url == null ? null : new ContentPart.ImageUrlPart(url, detail);
  }

  /**
   * The {@code tool_calls} of an assistant message (request history or response). A call with violations is
   * left out; the caller sees the violation count grow.
   */
  static List<ToolCall> toolCalls(ObjectNode message, Loc loc, Binder binder) {
    ArrayNode array = binder.list(message, "tool_calls", loc, OPTIONAL);
    if (array == null) {
      return List.of();
    }
    Loc at = loc.field("tool_calls");
    List<ToolCall> calls = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Loc callLoc = at.index(i);
      ObjectNode call = binder.asObject(array.get(i), callLoc);
      if (call == null) {
        continue;
      }
      String id = binder.string(call, "id", callLoc, REQUIRED);
      String type = binder.literal(call, "type", callLoc, REQUIRED, FUNCTION);
      ObjectNode function = binder.object(call, "function", callLoc, REQUIRED);
      String name = null;
      String arguments = null;
      if (function != null) {
        name = binder.string(function, "name", callLoc.field("function"), REQUIRED);
        arguments = binder.string(function, "arguments", callLoc.field("function"), REQUIRED);
      }
      if (id != null && type != null && name != null && arguments != null) {
        calls.add(new ToolCall(id, name, arguments));
      }
    }
    return calls;
  }
}
