package dev.confidant.langchain4j.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.Content;
import dev.confidant.api.ContentPart;
import dev.confidant.api.DeveloperMessage;
import dev.confidant.api.RawJson;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.ToolCall;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.api.Violation;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps Confidant messages and tool definitions to LangChain4j's, collecting a pydantic-style violation for
 * everything that would otherwise be lost on the way (a {@code name} on a system message, an audio part, a schema
 * keyword LangChain4j cannot carry). Stateless and thread-safe.
 */
public final class Lc4jMessages {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Keywords of a tool's top-level parameters schema that LangChain4j's JsonObjectSchema carries; the property
  // schemas themselves travel verbatim as JsonRawSchema. title and $schema are annotations without effect.
  private static final Set<String> TOP_LEVEL =
      Set.of("type", "properties", "required", "additionalProperties", "$defs", "description", "title", "$schema");

  private Lc4jMessages() {}

  /** The messages; violations are added to {@code violations}. */
  public static List<dev.langchain4j.data.message.ChatMessage> messages(String backend, List<ChatMessage> messages,
      boolean images, List<Violation> violations) {
    List<dev.langchain4j.data.message.ChatMessage> out = new ArrayList<>();
    Map<String, String> toolNames = new HashMap<>();
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      List<Object> loc = List.of("messages", i);
      switch (m) {
        case SystemMessage s -> {
          noName(backend, s.name(), loc, violations);
          out.add(dev.langchain4j.data.message.SystemMessage.from(textOnly(backend, s.content(), loc, violations)));
        }
        // Both APIs read a developer message as a system message for non-reasoning models.
        case DeveloperMessage d -> {
          noName(backend, d.name(), loc, violations);
          out.add(dev.langchain4j.data.message.SystemMessage.from(textOnly(backend, d.content(), loc, violations)));
        }
        case UserMessage u -> out.add(user(backend, u, images, loc, violations));
        case AssistantMessage a -> {
          noName(backend, a.name(), loc, violations);
          if (a.refusal() != null) {
            violations.add(unsupported(append(loc, "refusal"), "the " + backend
                + " backend cannot send an assistant refusal back to the model; put it in the content"));
          }
          List<ToolExecutionRequest> calls = new ArrayList<>();
          for (ToolCall call : a.toolCalls()) {
            toolNames.put(call.id(), call.name());
            calls.add(ToolExecutionRequest.builder().id(call.id()).name(call.name()).arguments(call.arguments())
                .build());
          }
          String text = a.content() == null ? null : textOnly(backend, a.content(), loc, violations);
          out.add(calls.isEmpty() ? AiMessage.from(text == null ? "" : text)
              : text == null || text.isEmpty() ? AiMessage.from(calls) : AiMessage.from(text, calls));
        }
        case ToolMessage t -> {
          String name = toolNames.get(t.toolCallId());
          if (name == null) {
            violations.add(Violation.of(append(loc, "tool_call_id"), "no earlier assistant message has a tool call "
                + "with id '" + t.toolCallId() + "'", "value_error"));
            name = "unknown";
          }
          out.add(ToolExecutionResultMessage.from(t.toolCallId(), name,
              textOnly(backend, t.content(), loc, violations)));
        }
      }
    }
    return out;
  }

  /** The tool specifications; parameter schemas travel verbatim except for top-level keywords LangChain4j lacks. */
  public static List<ToolSpecification> tools(String backend, List<ToolDefinition> tools, List<Violation> violations) {
    List<ToolSpecification> out = new ArrayList<>();
    for (int i = 0; i < tools.size(); i++) {
      ToolDefinition tool = tools.get(i);
      List<Object> loc = List.of("tools", i, "function");
      ToolSpecification.Builder spec = ToolSpecification.builder().name(tool.name());
      if (tool.description() != null) {
        spec.description(tool.description());
      }
      if (tool.parameters() != null) {
        JsonObjectSchema schema = parameters(backend, tool.parameters(), append(loc, "parameters"), violations);
        if (schema != null) {
          spec.parameters(schema);
        }
      }
      out.add(spec.build());
    }
    return out;
  }

  private static @Nullable JsonObjectSchema parameters(String backend, RawJson raw, List<Object> loc,
      List<Violation> violations) {
    JsonNode root;
    try {
      root = JSON.readTree(raw.json());
    } catch (JsonProcessingException e) {
      violations.add(Violation.of(loc, "parameters must be a JSON schema object", "json_invalid"));
      return null;
    }
    if (!root.isObject() || (root.has("type") && !"object".equals(root.path("type").asText()))) {
      violations.add(Violation.of(loc, "parameters must be a JSON schema of type 'object'", "value_error"));
      return null;
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String keyword = names.next();
      if (!TOP_LEVEL.contains(keyword)) {
        violations.add(unsupported(append(loc, keyword), "the " + backend + " backend cannot pass the top-level "
            + "schema keyword '" + keyword + "' through; move it into a property or drop it"));
      }
    }
    JsonObjectSchema.Builder schema = JsonObjectSchema.builder();
    if (root.path("description").isTextual()) {
      schema.description(root.path("description").asText());
    }
    Map<String, JsonSchemaElement> properties = new LinkedHashMap<>();
    root.path("properties").properties().forEach(p -> properties.put(p.getKey(), raw(p.getValue())));
    schema.addProperties(properties);
    List<String> required = new ArrayList<>();
    root.path("required").forEach(r -> required.add(r.asText()));
    schema.required(required);
    if (root.path("additionalProperties").isBoolean()) {
      schema.additionalProperties(root.path("additionalProperties").asBoolean());
    } else if (root.has("additionalProperties")) {
      violations.add(unsupported(append(loc, "additionalProperties"), "the " + backend
          + " backend accepts only true or false here"));
    }
    if (root.path("$defs").isObject()) {
      Map<String, JsonSchemaElement> defs = new LinkedHashMap<>();
      root.path("$defs").properties().forEach(d -> defs.put(d.getKey(), raw(d.getValue())));
      schema.definitions(defs);
    }
    return schema.build();
  }

  private static JsonSchemaElement raw(JsonNode node) {
    return JsonRawSchema.from(node.toString());
  }

  private static dev.langchain4j.data.message.UserMessage user(String backend, UserMessage u, boolean images,
      List<Object> loc, List<Violation> violations) {
    List<dev.langchain4j.data.message.Content> contents = new ArrayList<>();
    if (u.content() instanceof Content.Parts parts) {
      for (int j = 0; j < parts.parts().size(); j++) {
        List<Object> partLoc = append(append(loc, "content"), j);
        switch (parts.parts().get(j)) {
          case ContentPart.TextPart t -> contents.add(TextContent.from(t.text()));
          case ContentPart.ImageUrlPart img when images -> {
            ImageContent.DetailLevel detail = detail(img.detail());
            if (img.detail() != null && detail == null) {
              violations.add(unsupported(append(append(partLoc, "image_url"), "detail"), "detail must be one of "
                  + java.util.Arrays.stream(ImageContent.DetailLevel.values())
                      .map(d -> d.name().toLowerCase(java.util.Locale.ROOT)).toList()));
            } else {
              contents.add(detail == null ? ImageContent.from(img.url()) : ImageContent.from(img.url(), detail));
            }
          }
          case ContentPart.ImageUrlPart img -> violations.add(unsupported(append(partLoc, "type"),
              "the " + backend + " backend does not accept images"));
          case ContentPart.RefusalPart r -> violations.add(unsupported(append(partLoc, "type"),
              "refusal parts belong to assistant messages"));
          case ContentPart.OtherPart o -> violations.add(unsupported(append(partLoc, "type"),
              "content parts of type '" + o.type() + "' are not supported by the " + backend + " backend"));
        }
      }
    } else {
      contents.add(TextContent.from(u.content().text()));
    }
    return u.name() == null ? dev.langchain4j.data.message.UserMessage.from(contents)
        : dev.langchain4j.data.message.UserMessage.from(u.name(), contents);
  }

  private static ImageContent.@Nullable DetailLevel detail(@Nullable String name) {
    if (name == null) {
      return null;
    }
    for (ImageContent.DetailLevel level : ImageContent.DetailLevel.values()) {
      if (level.name().equalsIgnoreCase(name)) {
        return level;
      }
    }
    return null;
  }

  private static String textOnly(String backend, Content content, List<Object> loc, List<Violation> violations) {
    if (content instanceof Content.Parts parts) {
      for (int j = 0; j < parts.parts().size(); j++) {
        if (!(parts.parts().get(j) instanceof ContentPart.TextPart)) {
          violations.add(unsupported(List.of(loc.get(0), loc.get(1), loc.get(2), "content", j, "type"),
              "only text parts are allowed in this message for the " + backend + " backend"));
        }
      }
    }
    return content.text();
  }

  private static void noName(String backend, @Nullable String name, List<Object> loc, List<Violation> violations) {
    if (name != null) {
      violations.add(unsupported(append(loc, "name"), "the " + backend
          + " backend sends a participant name on user messages only"));
    }
  }

  /** A {@code value_error} violation for a field the backend cannot honour. */
  public static Violation unsupported(List<Object> loc, String msg) {
    return Violation.of(loc, msg, "value_error");
  }

  /** {@code loc} plus one more part. */
  public static List<Object> append(List<Object> loc, Object part) {
    List<Object> out = new ArrayList<>(loc);
    out.add(part);
    return out;
  }
}
