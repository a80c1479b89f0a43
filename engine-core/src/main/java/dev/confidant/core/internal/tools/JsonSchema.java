package dev.confidant.core.internal.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.RawJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A JSON schema of tool arguments or of a {@code response_format}, checked with the subset of JSON Schema that
 * function definitions and OpenAI's strict structured outputs use: {@code type} (a name or a list of names, so
 * {@code ["string","null"]} for a nullable field), {@code nullable: true}, {@code properties}, {@code required},
 * {@code additionalProperties: false} (or a schema for the extra properties), {@code enum}, {@code const},
 * {@code items}, {@code anyOf}/{@code oneOf}/{@code allOf}, {@code $ref} to {@code #}, {@code #/$defs/...} or
 * {@code #/definitions/...} (recursion included), {@code minimum}/{@code maximum},
 * {@code minLength}/{@code maxLength} and {@code minItems}/{@code maxItems}. Other keywords ({@code pattern},
 * {@code format}, ...) are ignored, so a schema using them accepts more than it says, never less. Immutable and
 * thread-safe.
 */
public final class JsonSchema {
  /** $ref hops without descending into the value: more means a schema that refers to itself in a cycle. */
  private static final int MAX_REF_HOPS = 32;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonNode schema;

  private JsonSchema(JsonNode schema) {
    this.schema = schema;
  }

  /**
   * Parses a schema.
   *
   * @throws IllegalArgumentException if it is not a JSON object
   */
  public static JsonSchema parse(RawJson json) {
    JsonNode node;
    try {
      node = JSON.readTree(json.json());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a JSON schema must be a JSON object");
    }
    return new JsonSchema(node);
  }

  /**
   * What is wrong with unparsable JSON, without quoting it: Jackson's messages quote the offending token, which may
   * be a restored personal value, and these problems end up in exception messages and in text sent to models.
   */
  public static String syntaxProblem(JsonProcessingException e) {
    String what = e instanceof com.fasterxml.jackson.core.io.JsonEOFException ? "it ends before the JSON is complete"
        : "syntax error";
    return e.getLocation() == null ? what
        : what + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  /**
   * Checks arguments the model produced.
   *
   * @return the problems, each "{@code $.path: what is wrong}"; empty when the arguments are valid
   */
  List<String> validate(String arguments) {
    JsonNode value;
    try {
      value = JSON.readTree(arguments.isBlank() ? "{}" : arguments);
    } catch (JsonProcessingException e) {
      return List.of("$: the arguments are not valid JSON (" + syntaxProblem(e) + ")");
    }
    return validate(value);
  }

  /**
   * Checks a parsed value.
   *
   * @return the problems, each "{@code $.path: what is wrong}"; empty when the value is valid
   */
  public List<String> validate(JsonNode value) {
    List<String> problems = new ArrayList<>();
    check(schema, value, "$", problems, 0);
    return problems;
  }

  private void check(JsonNode schema, JsonNode value, String path, List<String> problems, int refHops) {
    if (!schema.isObject()) {
      return; // "true" or an unsupported form: accepts anything
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null && ref.isTextual()) {
      JsonNode target = resolve(ref.asText());
      if (target == null) {
        problems.add(path + ": the schema's $ref '" + ref.asText() + "' points nowhere");
      } else if (refHops >= MAX_REF_HOPS) {
        problems.add(path + ": the schema's $ref '" + ref.asText() + "' is circular");
      } else {
        check(target, value, path, problems, refHops + 1);
      }
      return; // as in draft 7 and OpenAI's subset: siblings of $ref are ignored
    }
    if (value.isNull() && schema.path("nullable").asBoolean(false)) {
      return; // OpenAPI's nullable: null is valid whatever the other keywords say
    }
    if (!combinators(schema, value, path, problems, refHops)) {
      return;
    }
    JsonNode type = schema.get("type");
    if (type != null && !matchesType(type, value)) {
      problems.add(path + ": expected " + describe(type) + ", got " + typeOf(value));
      return;
    }
    JsonNode allowed = schema.get("enum");
    if (allowed != null && allowed.isArray() && !contains(allowed, value)) {
      problems.add(path + ": must be one of " + allowed + ", got another " + typeOf(value));
    }
    JsonNode constant = schema.get("const");
    if (constant != null && !constant.equals(value)) {
      problems.add(path + ": must be " + constant + ", got another " + typeOf(value));
    }
    if (value.isNumber()) {
      bound(schema, "minimum", value, path, problems);
      bound(schema, "maximum", value, path, problems);
    } else if (value.isTextual()) {
      int length = value.asText().codePointCount(0, value.asText().length());
      size(schema, "minLength", "maxLength", length, "characters", path, problems);
    } else if (value.isArray()) {
      size(schema, "minItems", "maxItems", value.size(), "items", path, problems);
      JsonNode items = schema.get("items");
      if (items != null) {
        for (int i = 0; i < value.size(); i++) {
          check(items, value.get(i), path + "[" + i + "]", problems, 0);
        }
      }
    } else if (value.isObject()) {
      checkObject(schema, value, path, problems);
    }
  }

  /** Checks anyOf, oneOf and allOf; false if one failed (its problems are added). */
  private boolean combinators(JsonNode schema, JsonNode value, String path, List<String> problems, int refHops) {
    JsonNode all = schema.get("allOf");
    if (all != null && all.isArray()) {
      int before = problems.size();
      for (JsonNode branch : all) {
        check(branch, value, path, problems, refHops);
      }
      if (problems.size() > before) {
        return false;
      }
    }
    for (String keyword : List.of("anyOf", "oneOf")) {
      JsonNode branches = schema.get(keyword);
      if (branches == null || !branches.isArray() || branches.isEmpty()) {
        continue;
      }
      int matches = 0;
      List<String> why = new ArrayList<>();
      for (JsonNode branch : branches) {
        List<String> branchProblems = new ArrayList<>();
        check(branch, value, path, branchProblems, refHops);
        if (branchProblems.isEmpty()) {
          matches++;
        } else {
          why.add(String.join("; ", branchProblems));
        }
      }
      if (matches == 0) {
        problems.add(path + ": matches none of the " + branches.size() + " " + keyword + " alternatives ("
            + String.join(" | ", why) + ")");
        return false;
      }
      if (keyword.equals("oneOf") && matches > 1) {
        problems.add(path + ": matches " + matches + " of the oneOf alternatives; exactly one must match");
        return false;
      }
    }
    return true;
  }

  /** The schema a local {@code $ref} points to, or null. */
  private @Nullable JsonNode resolve(String ref) {
    if (ref.equals("#")) {
      return schema;
    }
    if (!ref.startsWith("#/")) {
      return null; // remote references are not fetched
    }
    JsonNode node = schema;
    for (String part : ref.substring(2).split("/", -1)) {
      node = node.get(part.replace("~1", "/").replace("~0", "~"));
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  private void checkObject(JsonNode schema, JsonNode value, String path, List<String> problems) {
    JsonNode required = schema.get("required");
    if (required != null && required.isArray()) {
      for (JsonNode name : required) {
        if (!value.has(name.asText())) {
          problems.add(path + ": required property '" + name.asText() + "' is missing");
        }
      }
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    boolean closed = additional.isBoolean() && !additional.booleanValue();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode propertySchema = properties.get(field.getKey());
      if (propertySchema != null) {
        check(propertySchema, field.getValue(), path + "." + field.getKey(), problems, 0);
      } else if (additional.isObject()) {
        check(additional, field.getValue(), path + "." + field.getKey(), problems, 0);
      } else if (closed) {
        problems.add(path + ": unknown property '" + field.getKey() + "'; allowed: "
            + iterableToList(properties.fieldNames()));
      }
    }
  }

  private static List<String> iterableToList(Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  private static void bound(JsonNode schema, String keyword, JsonNode value, String path, List<String> problems) {
    JsonNode limit = schema.get(keyword);
    if (limit == null || !limit.isNumber()) {
      return;
    }
    int cmp = value.decimalValue().compareTo(limit.decimalValue());
    if (keyword.equals("minimum") ? cmp < 0 : cmp > 0) {
      problems.add(path + ": must be " + (keyword.equals("minimum") ? ">= " : "<= ") + limit);
    }
  }

  private static void size(JsonNode schema, String minKey, String maxKey, int size, String unit, String path,
      List<String> problems) {
    JsonNode min = schema.get(minKey);
    JsonNode max = schema.get(maxKey);
    if (min != null && min.canConvertToInt() && size < min.intValue()) {
      problems.add(path + ": must have at least " + min.intValue() + " " + unit + ", has " + size);
    }
    if (max != null && max.canConvertToInt() && size > max.intValue()) {
      problems.add(path + ": must have at most " + max.intValue() + " " + unit + ", has " + size);
    }
  }

  private static boolean matchesType(JsonNode type, JsonNode value) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (matchesType(t, value)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      case "number" -> value.isNumber();
      case "integer" -> value.isIntegralNumber()
          || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
      default -> true; // unknown type names are not ours to reject
    };
  }

  private static boolean contains(JsonNode array, JsonNode value) {
    for (JsonNode candidate : array) {
      if (candidate.equals(value)
          || (candidate.isNumber() && value.isNumber() && candidate.decimalValue().compareTo(value.decimalValue()) == 0)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(JsonNode type) {
    return type.isArray() ? "one of " + type : type.asText();
  }

  private static String typeOf(JsonNode value) {
    return switch (value.getNodeType()) {
      case OBJECT -> "object";
      case ARRAY -> "array";
      case STRING -> "string";
      case BOOLEAN -> "boolean";
      case NULL, MISSING -> "null";
      case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
      default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
