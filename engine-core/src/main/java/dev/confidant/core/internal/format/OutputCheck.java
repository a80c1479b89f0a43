package dev.confidant.core.internal.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.ResponseFormat;
import dev.confidant.core.internal.tools.JsonSchema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code response_format} requires of the assistant's content, and the problems of one reply.
 * {@code json_object}: exactly one JSON object (whitespace around it is fine, Markdown fences are not).
 * {@code json_schema}: valid JSON; with {@code strict: true} also valid against the schema ({@link JsonSchema}).
 * Immutable and thread-safe.
 */
final class OutputCheck {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final String description;
  private final boolean objectOnly;
  private final @Nullable JsonSchema schema;
  private final String instruction;

  private OutputCheck(String description, boolean objectOnly, @Nullable JsonSchema schema, String instruction) {
    this.description = description;
    this.objectOnly = objectOnly;
    this.schema = schema;
    this.instruction = instruction;
  }

  /**
   * The check for a request's format, or {@code null} when there is nothing to check (no format, or text).
   *
   * @throws IllegalArgumentException if the schema is not a JSON object (the request readers reject that earlier)
   */
  static @Nullable OutputCheck of(@Nullable ResponseFormat format) {
    return switch (format) {
      case null -> null;
      case ResponseFormat.Text t -> null;
      case ResponseFormat.JsonObject o -> new OutputCheck("json_object", true, null, "a single JSON object");
      case ResponseFormat.JsonSchema s -> {
        boolean strict = Boolean.TRUE.equals(s.strict()) && s.schema() != null;
        String what = "json_schema '" + s.name() + "'";
        yield strict
            ? new OutputCheck(what, false, JsonSchema.parse(s.schema()),
                "JSON that is valid against this JSON schema: " + s.schema().json())
            : new OutputCheck(what, false, null, "valid JSON" + (s.schema() == null ? ""
                : " following this JSON schema: " + s.schema().json()));
      }
    };
  }

  /** The format, for messages: {@code json_object} or {@code json_schema 'name'}. */
  String description() {
    return description;
  }

  /** What the model must reply with, for the repair message. */
  String instruction() {
    return instruction;
  }

  /** The problems of a reply's content, each "{@code $.path: what is wrong}"; empty if it is valid. */
  List<String> problems(@Nullable String content) {
    if (content == null || content.isBlank()) {
      return List.of("$: the reply is empty");
    }
    JsonNode value;
    try {
      value = JSON.readTree(content);
    } catch (JsonProcessingException e) {
      return List.of("$: the reply is not valid JSON (" + JsonSchema.syntaxProblem(e) + ")");
    }
    if (objectOnly && !value.isObject()) {
      return List.of("$: expected a JSON object, got " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return schema == null ? List.of() : schema.validate(value);
  }
}
