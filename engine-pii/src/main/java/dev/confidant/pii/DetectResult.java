package dev.confidant.pii;

import static java.util.Objects.requireNonNull;

import dev.confidant.pii.internal.mapping.FrozenMap;
import java.util.List;
import java.util.Map;

/**
 * Output of {@link PiiDetector#detect}: the wire fields {@code redacted_text}, {@code pii_mapping},
 * {@code entity_details}. Immutable; {@link #toString()} leaves out texts and values.
 *
 * @param redactedText the text with placeholders
 * @param piiMapping placeholder to value: the existing mapping plus what this text added (insertion order)
 * @param entityDetails the masked entities, by start offset; offsets index the input text, end exclusive
 */
public record DetectResult(String redactedText, Map<String, String> piiMapping, List<PiiEntity> entityDetails) {
  public DetectResult {
    requireNonNull(redactedText, "redactedText");
    piiMapping = FrozenMap.copyOf(piiMapping); // immutable, in insertion order; restore() reuses its table
    entityDetails = List.copyOf(entityDetails);
  }

  @Override
  public String toString() {
    return "DetectResult[redactedText=<" + redactedText.length() + " chars>, piiMapping=<" + piiMapping.size()
        + " entries>, entities=" + entityDetails.size() + "]";
  }
}
