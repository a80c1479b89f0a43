package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/** The {@code response_format} of a request. */
public sealed interface ResponseFormat permits ResponseFormat.Text, ResponseFormat.JsonObject, ResponseFormat.JsonSchema {

  /** {@code {"type":"text"}} */
  record Text() implements ResponseFormat {}

  /** {@code {"type":"json_object"}}: the reply must be a JSON object. */
  record JsonObject() implements ResponseFormat {}

  /**
   * {@code {"type":"json_schema","json_schema":{...}}}: the reply must follow the schema.
   *
   * @param name the schema's name
   * @param description what the format is for
   * @param schema the JSON schema, or {@code null}
   * @param strict whether to follow the schema exactly
   */
  record JsonSchema(String name, @Nullable String description, @Nullable RawJson schema, @Nullable Boolean strict)
      implements ResponseFormat {
    public JsonSchema {
      requireNonNull(name, "name");
    }
  }
}
