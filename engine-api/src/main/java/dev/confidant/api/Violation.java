package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One problem with a request, in pydantic's shape: where, what, which type of error. The engine's locations are
 * relative to the request ({@code ["messages", 0, "role"]}, a request option at {@code ["options", "model_endpoint"]});
 * an edge adapter moves them to where it took the value from (engine-server puts them under the HTTP request's body
 * or one of its headers).
 *
 * @param loc path to the offending value: strings for fields, integers for list positions; empty for the request
 *     itself
 * @param msg human-readable message
 * @param type pydantic error type ({@code missing}, {@code string_type}, {@code literal_error}, ...)
 * @param input the offending input as JSON text, or {@code null} when not reported
 */
public record Violation(List<Object> loc, String msg, String type, @Nullable RawJson input) {
  public Violation {
    loc = List.copyOf(loc);
    for (Object part : loc) {
      if (!(part instanceof String) && !(part instanceof Integer)) {
        throw new IllegalArgumentException("loc parts must be String or Integer: " + part);
      }
    }
    requireNonNull(msg, "msg");
    requireNonNull(type, "type");
  }

  /** A violation without input. */
  public static Violation of(List<Object> loc, String msg, String type) {
    return new Violation(loc, msg, type, null);
  }

  /** The loc joined with dots, for messages: {@code messages.0.role}. */
  public String path() {
    return String.join(".", loc.stream().map(String::valueOf).toList());
  }
}
