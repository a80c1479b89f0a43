package dev.confidant.core.json;

import static dev.confidant.core.json.Binder.Presence.OPTIONAL;
import static dev.confidant.core.json.Binder.Presence.REQUIRED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.Tools;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Binds {@code tools}, {@code tool_choice}, {@code parallel_tool_calls} and {@code response_format}.
 * Not thread-safe: one reader per document.
 */
final class ToolsReader {
  private static final List<String> FUNCTION = List.of("function");
  private static final List<String> MODES = List.of("none", "auto", "required");
  private static final List<String> FORMATS = List.of("text", "json_object", "json_schema");

  private final Binder binder;

  ToolsReader(Binder binder) {
    this.binder = binder;
  }

  /**
   * Binds the tool fields.
   *
   * @param wirePositions receives, for each bound definition, its position in the request's {@code tools} array
   */
  Tools read(ObjectNode body, Loc loc, List<Integer> wirePositions) {
    List<ToolDefinition> definitions = new ArrayList<>();
    ArrayNode tools = binder.list(body, "tools", loc, OPTIONAL);
    if (tools != null) {
      for (int i = 0; i < tools.size(); i++) {
        ToolDefinition definition = tool(tools.get(i), loc.field("tools").index(i));
        if (definition != null) {
          definitions.add(definition);
          wirePositions.add(i);
        }
      }
    }
    ToolChoice choice = choice(body, loc);
    Boolean parallel = binder.bool(body, "parallel_tool_calls", loc, OPTIONAL);
    return new Tools(definitions, choice, parallel);
  }

  private @Nullable ToolDefinition tool(JsonNode node, Loc loc) {
    ObjectNode tool = binder.asObject(node, loc);
    if (tool == null) {
      return null;
    }
    int before = binder.count();
    // Custom (free-form grammar) tools are a valid OpenAI type that no Confidant backend can run: reject them.
    binder.literal(tool, "type", loc, REQUIRED, FUNCTION);
    ObjectNode function = binder.object(tool, "function", loc, REQUIRED);
    ToolDefinition definition = null;
    if (function != null) {
      Loc at = loc.field("function");
      String name = binder.string(function, "name", at, REQUIRED);
      String description = binder.string(function, "description", at, OPTIONAL);
      ObjectNode parameters = binder.dict(function, "parameters", at, OPTIONAL);
      Boolean strict = binder.bool(function, "strict", at, OPTIONAL);
      if (name != null) {
        definition = new ToolDefinition(
            name, description, parameters == null ? null : JsonSupport.raw(parameters), strict);
      }
    }
    return binder.count() == before ? definition : null;
  }

  private @Nullable ToolChoice choice(ObjectNode body, Loc loc) {
    JsonNode value = binder.field(body, "tool_choice", loc, OPTIONAL);
    if (value == null) {
      return null;
    }
    Loc at = loc.field("tool_choice");
    if (!(value instanceof ObjectNode object)) {
      String mode = binder.asLiteral(value, at, MODES);
      return mode == null ? null : ToolChoice.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
    }
    String type = binder.literal(object, "type", at, REQUIRED, FUNCTION);
    ObjectNode function = binder.object(object, "function", at, REQUIRED);
    String name = function == null ? null : binder.string(function, "name", at.field("function"), REQUIRED);
    return type == null || name == null ? null : new ToolChoice.Function(name);
  }

  /** {@code response_format}, or {@code null} when absent or invalid. */
  @Nullable ResponseFormat responseFormat(ObjectNode body, Loc loc) {
    ObjectNode format = binder.object(body, "response_format", loc, OPTIONAL);
    if (format == null) {
      return null;
    }
    Loc at = loc.field("response_format");
    String type = binder.literal(format, "type", at, REQUIRED, FORMATS);
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "text" -> new ResponseFormat.Text();
      case "json_object" -> new ResponseFormat.JsonObject();
      default -> jsonSchema(format, at);
    };
  }

  private ResponseFormat.@Nullable JsonSchema jsonSchema(ObjectNode format, Loc loc) {
    ObjectNode spec = binder.object(format, "json_schema", loc, REQUIRED);
    if (spec == null) {
      return null;
    }
    Loc at = loc.field("json_schema");
    int before = binder.count();
    String name = binder.string(spec, "name", at, REQUIRED);
    String description = binder.string(spec, "description", at, OPTIONAL);
    ObjectNode schema = binder.dict(spec, "schema", at, OPTIONAL);
    Boolean strict = binder.bool(spec, "strict", at, OPTIONAL);
    if (name == null || binder.count() != before) {
      return null;
    }
    return new ResponseFormat.JsonSchema(name, description, schema == null ? null : JsonSupport.raw(schema), strict);
  }
}
