package dev.confidant.pii;

import static java.util.Objects.requireNonNull;

import dev.confidant.pii.internal.mapping.FrozenMap;
import dev.confidant.pii.spi.VaultKey;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link PiiDetector#detect}, the semantics of {@code POST /v1/pii/detect}. Immutable.
 * {@link #toString()} leaves out the text and mapping values.
 *
 * @param text the text to scan
 * @param existingMapping placeholder to value, e.g. {@code {"[NAME_1]": "Anna Weber"}}: these values keep their
 *     placeholders and are re-found in the text; new placeholders take the lowest free numbers. Copied, immutable,
 *     in its iteration order
 * @param thread the conversation (space, owner, thread) whose vault mapping is used and extended, or {@code null}
 * @param includeOii whether organisation data is masked too
 */
public record DetectRequest(String text, Map<String, String> existingMapping, @Nullable VaultKey thread,
    boolean includeOii) {
  public DetectRequest {
    requireNonNull(text, "text");
    if (existingMapping == null || existingMapping.isEmpty()) {
      existingMapping = Map.of();
    } else {
      existingMapping.forEach((placeholder, value) -> {
        requireNonNull(placeholder, "existingMapping placeholder");
        requireNonNull(value, "existingMapping value");
      });
      // An immutable copy in the caller's order (it leads pii_mapping); a result's mapping is kept as it is.
      existingMapping = FrozenMap.copyOf(existingMapping);
    }
  }

  /** A request for a text with no mapping, no thread, OII included. */
  public static DetectRequest of(String text) {
    return new DetectRequest(text, Map.of(), null, true);
  }

  public DetectRequest withExistingMapping(Map<String, String> mapping) {
    return new DetectRequest(text, mapping, thread, includeOii);
  }

  /** Uses and extends the vault mapping of this conversation ({@code null}: none). */
  public DetectRequest withThread(@Nullable VaultKey thread) {
    return new DetectRequest(text, existingMapping, thread, includeOii);
  }

  public DetectRequest withIncludeOii(boolean includeOii) {
    return new DetectRequest(text, existingMapping, thread, includeOii);
  }

  @Override
  public String toString() {
    return "DetectRequest[text=<" + text.length() + " chars>, existingMapping=<" + existingMapping.size()
        + " entries>, thread=" + thread + ", includeOii=" + includeOii + "]";
  }
}
