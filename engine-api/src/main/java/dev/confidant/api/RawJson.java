package dev.confidant.api;

import static java.util.Objects.requireNonNull;

/**
 * A JSON value carried through unchanged, such as a tool's JSON-schema parameters or the {@code logprobs} of a
 * choice. The API does not interpret it; the JSON codec writes it verbatim.
 *
 * @param json syntactically valid JSON text
 */
public record RawJson(String json) {
  public RawJson {
    requireNonNull(json, "json");
  }

  /** Wraps JSON text. */
  public static RawJson of(String json) {
    return new RawJson(json);
  }

  @Override
  public String toString() {
    return json;
  }
}
