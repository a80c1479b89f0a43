package dev.confidant.server.internal.pii;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.confidant.pii.DetectResult;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PlaceholderStyle;
import java.io.IOException;
import java.util.Map;

/**
 * The JSON of PII detection, the same for {@code POST /v1/pii/detect} and {@code bin/confidant
 * pii-detect} (one writer and one key check, so the two cannot drift apart). A result:
 *
 * <p>{@snippet lang=json :
 * {"redacted_text": "Mail [EMAIL_1] today",
 *  "pii_mapping": {"[EMAIL_1]": "anna@example.org"},
 *  "entity_details": [{"entity_type": "EMAIL", "text": "anna@example.org", "start": 5, "end": 21, "score": 1.0}]}
 * }
 *
 * <p>{@code start}/{@code end} are UTF-16 offsets into the input text, end exclusive. The REST names
 * ({@code entity_type}, {@code text}) were kept because platform clients already read them. Stateless.
 */
public final class PiiJson {
  private PiiJson() {}

  /** Writes one result as a JSON object. */
  public static void write(JsonGenerator json, DetectResult result) throws IOException {
    json.writeStartObject();
    json.writeStringField("redacted_text", result.redactedText());
    json.writeObjectFieldStart("pii_mapping");
    for (Map.Entry<String, String> e : result.piiMapping().entrySet()) {
      json.writeStringField(e.getKey(), e.getValue());
    }
    json.writeEndObject();
    json.writeArrayFieldStart("entity_details");
    for (PiiEntity e : result.entityDetails()) {
      json.writeStartObject();
      json.writeStringField("entity_type", e.type().tag());
      json.writeStringField("text", e.value());
      json.writeNumberField("start", e.start());
      json.writeNumberField("end", e.end());
      json.writeNumberField("score", e.score());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /**
   * Whether a key of a caller's mapping ({@code X-Pii-Mapping}, {@code existing_mapping}) is a placeholder such as
   * {@code [NAME_1]} or {@code <NAME_1>}; an entry under any other key would silently do nothing.
   */
  public static boolean isMappingKey(String key) {
    return PlaceholderStyle.isPlaceholder(key);
  }

  /** What a caller is told about a mapping key that is not a placeholder. */
  public static String notAMappingKey(String key) {
    return "Key '" + key + "' is not a placeholder; keys look like [NAME_1] or <NAME_1>";
  }
}
