package dev.confidant.server.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the small JSON bodies of the non-chat endpoints with FastAPI/pydantic semantics: every problem is collected
 * with its {@code loc}, {@code null} is absent for optional fields, and a field the endpoint does not know is a
 * violation ({@link #rejectUnknownFields}: a misspelt {@code source_id} must not silently search nothing). Not
 * thread-safe: one instance per request.
 */
final class JsonBody {
  private final JsonNode root;
  private final List<Violation> violations = new ArrayList<>();

  private JsonBody(JsonNode root) {
    this.root = root;
  }

  /**
   * Parses a body that must be a JSON object.
   *
   * @throws InvalidRequestException if it is not JSON or not an object
   */
  static JsonBody parse(byte[] body) {
    JsonNode root;
    try {
      root = JsonBodies.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      // The parser's message quotes the input (personal data): report the position only.
      long offset = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getCharOffset());
      throw new InvalidRequestException(List.of(Violation.of(List.of("body", (int) Math.min(offset,
          Integer.MAX_VALUE)), "JSON decode error", "json_invalid")));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (root == null || root.isMissingNode()) {
      throw InvalidRequestException.of(List.of("body"), "Field required", "missing");
    }
    if (!root.isObject()) {
      throw InvalidRequestException.of(List.of("body"), "Input should be a valid dictionary or object to extract "
          + "fields from", "model_attributes_type");
    }
    return new JsonBody(root);
  }

  /** A required string field. */
  String requiredString(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      violations.add(Violation.of(List.of("body", field), "Field required", "missing"));
      return "";
    }
    return string(field, node, "");
  }

  /** An optional string field. */
  @Nullable String optionalString(String field) {
    JsonNode node = root.get(field);
    return node == null || node.isNull() ? null : string(field, node, null);
  }

  /** An optional object of strings. */
  Map<String, String> stringMap(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      violations.add(Violation.of(List.of("body", field), "Input should be a valid dictionary", "dict_type"));
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getValue().isTextual()) {
        out.put(e.getKey(), e.getValue().textValue());
      } else {
        violations.add(Violation.of(List.of("body", field, e.getKey()), "Input should be a valid string",
            "string_type"));
      }
    }
    return out;
  }

  /** A required list of at least one string. */
  List<String> requiredStringList(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      violations.add(Violation.of(List.of("body", field), "Field required", "missing"));
      return List.of();
    }
    List<String> list = stringList(field);
    if (node.isArray() && node.isEmpty()) {
      violations.add(Violation.of(List.of("body", field), "List should have at least 1 item after validation, "
          + "not 0", "too_short"));
    }
    return list;
  }

  /** An optional list of strings. */
  List<String> stringList(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      violations.add(Violation.of(List.of("body", field), "Input should be a valid list", "list_type"));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      if (node.get(i).isTextual()) {
        out.add(node.get(i).textValue());
      } else {
        violations.add(Violation.of(List.of("body", field, i), "Input should be a valid string", "string_type"));
      }
    }
    return out;
  }

  /** An optional integer field. */
  @Nullable Integer optionalInt(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToInt()) {
      violations.add(Violation.of(List.of("body", field), "Input should be a valid integer", "int_type"));
      return null;
    }
    return node.intValue();
  }

  /** Adds pydantic's {@code extra_forbidden} violation for every field that is not one of {@code known}. */
  void rejectUnknownFields(String... known) {
    List<String> fields = List.of(known);
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (!fields.contains(e.getKey())) {
        violations.add(Violation.of(List.of("body", e.getKey()), "Extra inputs are not permitted; this endpoint "
            + "reads " + fields, "extra_forbidden"));
      }
    }
  }

  /** The violations collected so far. */
  List<Violation> violations() {
    return List.copyOf(violations);
  }

  /**
   * Throws the collected violations, if any.
   *
   * @throws InvalidRequestException listing every problem
   */
  void check() {
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
  }

  private @Nullable String string(String field, JsonNode node, @Nullable String fallback) {
    if (!node.isTextual()) {
      violations.add(Violation.of(List.of("body", field), "Input should be a valid string", "string_type"));
      return fallback;
    }
    return node.textValue();
  }
}
