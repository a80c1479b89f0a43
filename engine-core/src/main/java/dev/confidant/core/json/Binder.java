package dev.confidant.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.api.Violation;
import dev.confidant.core.internal.validation.PydanticMessages;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads typed values out of a Jackson tree and records a pydantic-v2-style {@link Violation} for each value that
 * does not fit, instead of failing on the first. Every getter returns {@code null} when the value is absent or
 * wrong, so callers can keep going and report everything at once. Not thread-safe: one binder per document.
 *
 * <p>Types are strict where OpenAI is: strings are never numbers, booleans are never numbers, numbers are never
 * strings. Where pydantic's lax mode is harmless it is followed: integers are valid numbers and a float without
 * a fractional part ({@code 300.0}) is a valid integer.
 */
final class Binder {
  static final String FIELD_REQUIRED = "Field required";
  static final String DICT_OR_OBJECT = "Input should be a valid dictionary or object to extract fields from";

  /** Whether a field must be present. A present {@code null} is "absent" for an optional field. */
  enum Presence { REQUIRED, OPTIONAL }

  private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final List<Violation> violations = new ArrayList<>();

  /** Every violation so far, in the order found. */
  List<Violation> violations() {
    return List.copyOf(violations);
  }

  /** How many violations were found so far; compare before and after reading a part to see if it bound. */
  int count() {
    return violations.size();
  }

  void missing(Loc loc) {
    violations.add(Violation.of(loc.parts(), FIELD_REQUIRED, "missing"));
  }

  void error(Loc loc, String type, String msg, JsonNode input) {
    violations.add(new Violation(loc.parts(), msg, type, JsonSupport.raw(input)));
  }

  /** Reports a field that is known but not allowed here ({@code tool_calls} on a user message). */
  void forbidden(ObjectNode object, String name, Loc loc) {
    JsonNode value = object.get(name);
    if (value != null && !value.isNull()) {
      error(loc.field(name), "extra_forbidden", "Extra inputs are not permitted", value);
    }
  }

  /**
   * The raw value of a field: {@code null} when absent (reported if required) or when {@code null} and optional;
   * a {@link NullNode} when {@code null} and required, so that the typed getter reports a type error with input
   * {@code null}, as pydantic does.
   */
  @Nullable JsonNode field(ObjectNode object, String name, Loc loc, Presence presence) {
    JsonNode value = object.get(name);
    if (value == null) {
      if (presence == Presence.REQUIRED) {
        missing(loc.field(name));
      }
      return null;
    }
    if (value.isNull() && presence == Presence.OPTIONAL) {
      return null;
    }
    return value;
  }

  @Nullable String string(ObjectNode object, String name, Loc loc, Presence presence) {
    JsonNode value = field(object, name, loc, presence);
    return value == null ? null : asString(value, loc.field(name));
  }

  @Nullable String asString(JsonNode value, Loc loc) {
    if (value.isTextual()) {
      return value.textValue();
    }
    error(loc, "string_type", "Input should be a valid string", value);
    return null;
  }

  @Nullable Boolean bool(ObjectNode object, String name, Loc loc, Presence presence) {
    JsonNode value = field(object, name, loc, presence);
    if (value == null) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    error(loc.field(name), "bool_type", "Input should be a valid boolean", value);
    return null;
  }

  @Nullable Double number(ObjectNode object, String name, Loc loc, Presence presence) {
    JsonNode value = field(object, name, loc, presence);
    if (value == null) {
      return null;
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    error(loc.field(name), "float_type", "Input should be a valid number", value);
    return null;
  }

  @Nullable Integer integer(ObjectNode object, String name, Loc loc, Presence presence) {
    JsonNode value = field(object, name, loc, presence);
    return value == null ? null : asInteger(value, loc.field(name));
  }

  @Nullable Integer asInteger(JsonNode value, Loc loc) {
    BigInteger exact = integral(value, loc, INT_MIN, INT_MAX);
    return exact == null ? null : exact.intValue();
  }

  @Nullable Long int64(ObjectNode object, String name, Loc loc, Presence presence) {
    JsonNode value = field(object, name, loc, presence);
    if (value == null) {
      return null;
    }
    BigInteger exact = integral(value, loc.field(name), LONG_MIN, LONG_MAX);
    return exact == null ? null : exact.longValue();
  }

  /**
   * An integer within the Java type's range. Python's integers are unbounded, so pydantic would accept
   * {@code 1e30} and fail later; a bound violation is the honest answer for a value we cannot represent.
   */
  private @Nullable BigInteger integral(JsonNode value, Loc loc, BigInteger min, BigInteger max) {
    BigInteger exact;
    if (value.isIntegralNumber()) {
      exact = value.bigIntegerValue();
    } else if (value.isFloatingPointNumber()) {
      if (!Double.isFinite(value.doubleValue())) {
        error(loc, "finite_number", "Input should be a finite number", value);
        return null;
      }
      if (!value.canConvertToExactIntegral()) {
        error(loc, "int_from_float", "Input should be a valid integer, got a number with a fractional part", value);
        return null;
      }
      exact = value.decimalValue().toBigInteger();
    } else {
      error(loc, "int_type", "Input should be a valid integer", value);
      return null;
    }
    if (exact.compareTo(min) < 0) {
      error(loc, "greater_than_equal", "Input should be greater than or equal to " + min, value);
      return null;
    }
    if (exact.compareTo(max) > 0) {
      error(loc, "less_than_equal", "Input should be less than or equal to " + max, value);
      return null;
    }
    return exact;
  }

  /** A nested model object; anything else is a {@code model_attributes_type} violation. */
  @Nullable ObjectNode object(ObjectNode object, String name, Loc loc, Presence presence) {
    JsonNode value = field(object, name, loc, presence);
    return value == null ? null : asObject(value, loc.field(name));
  }

  @Nullable ObjectNode asObject(JsonNode value, Loc loc) {
    if (value instanceof ObjectNode object) {
      return object;
    }
    error(loc, "model_attributes_type", DICT_OR_OBJECT, value);
    return null;
  }

  /** A free-form map (a JSON schema, logit_bias); anything else is a {@code dict_type} violation. */
  @Nullable ObjectNode dict(ObjectNode object, String name, Loc loc, Presence presence) {
    JsonNode value = field(object, name, loc, presence);
    if (value == null) {
      return null;
    }
    if (value instanceof ObjectNode dict) {
      return dict;
    }
    error(loc.field(name), "dict_type", "Input should be a valid dictionary", value);
    return null;
  }

  @Nullable ArrayNode list(ObjectNode object, String name, Loc loc, Presence presence) {
    JsonNode value = field(object, name, loc, presence);
    if (value == null) {
      return null;
    }
    if (value instanceof ArrayNode list) {
      return list;
    }
    error(loc.field(name), "list_type", "Input should be a valid list", value);
    return null;
  }

  /** One of a fixed set of strings, e.g. a role or a {@code type} discriminator. */
  @Nullable String literal(ObjectNode object, String name, Loc loc, Presence presence, List<String> allowed) {
    JsonNode value = field(object, name, loc, presence);
    return value == null ? null : asLiteral(value, loc.field(name), allowed);
  }

  @Nullable String asLiteral(JsonNode value, Loc loc, List<String> allowed) {
    if (value.isTextual() && allowed.contains(value.textValue())) {
      return value.textValue();
    }
    error(loc, "literal_error", PydanticMessages.literal(allowed), value);
    return null;
  }
}
