package dev.confidant.core.internal.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.RawJson;
import dev.confidant.api.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Collects violations with pydantic's types and wording. Not thread-safe: one instance per validation.
 */
final class Checks {
  /** Only renders plain values (strings, numbers, lists); never reconfigured, hence safe to share. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Violation> found = new ArrayList<>();

  /** A loc in the request ({@code messages[0].role}: {@code at("messages", 0, "role")}). */
  static List<Object> at(Object... parts) {
    return List.of(parts);
  }

  List<Violation> violations() {
    return found;
  }

  void add(List<Object> loc, String msg, String type, @Nullable Object input) {
    found.add(new Violation(loc, msg, type, input == null ? null : render(input)));
  }

  void missing(List<Object> loc) {
    found.add(Violation.of(loc, "Field required", "missing"));
  }

  /** A rule of our own, worded as pydantic words a failed custom validator. */
  void valueError(List<Object> loc, String message, @Nullable Object input) {
    add(loc, "Value error, " + message, "value_error", input);
  }

  /** {@code min <= value <= max} for a number that is set. */
  void between(List<Object> loc, @Nullable Double value, int min, int max) {
    if (value == null) {
      return;
    }
    if (Double.isNaN(value)) {
      add(loc, "Input should be a finite number", "finite_number", value);
    } else if (value < min) {
      add(loc, "Input should be greater than or equal to " + min, "greater_than_equal", value);
    } else if (value > max) {
      add(loc, "Input should be less than or equal to " + max, "less_than_equal", value);
    }
  }

  /** {@code min <= value <= max} for an integer that is set. */
  void between(List<Object> loc, @Nullable Integer value, int min, int max) {
    if (value == null) {
      return;
    }
    atLeast(loc, value, min);
    if (value > max) {
      add(loc, "Input should be less than or equal to " + max, "less_than_equal", value);
    }
  }

  void atLeast(List<Object> loc, @Nullable Integer value, int min) {
    if (value != null && value < min) {
      add(loc, "Input should be greater than or equal to " + min, "greater_than_equal", value);
    }
  }

  /** At least {@code min} items; only called with lists of plain values or empty lists, which render as JSON. */
  void minItems(List<Object> loc, List<?> list, int min) {
    if (list.size() < min) {
      add(loc, "List should have at least " + PydanticMessages.items(min) + " after validation, not "
          + list.size(), "too_short", list);
    }
  }

  /** At most {@code max} items; only called with lists of plain values, which render as JSON. */
  void maxItems(List<Object> loc, List<?> list, int max) {
    if (list.size() > max) {
      add(loc, "List should have at most " + PydanticMessages.items(max) + " after validation, not "
          + list.size(), "too_long", list);
    }
  }

  void pattern(List<Object> loc, String value, Pattern pattern) {
    if (!pattern.matcher(value).matches()) {
      add(loc, "String should match pattern '" + pattern.pattern() + "'", "string_pattern_mismatch", value);
    }
  }

  /** The offending value as JSON, for {@link Violation#input()}. */
  static RawJson render(Object value) {
    try {
      return RawJson.of(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      return RawJson.of("null"); // unreachable for the plain values passed here; a report must not fail
    }
  }
}
