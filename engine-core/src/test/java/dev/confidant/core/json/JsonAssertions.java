package dev.confidant.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON comparisons for the codec tests. Equivalence: a field whose value is {@code null} equals an absent field
 * (OpenAI writes some unset fields as {@code null}, clients leave them out), and numbers compare by value
 * ({@code 1} equals {@code 1.0}: the records hold doubles); {@link #equivalentOpenAi} adds that an empty
 * {@code annotations} array equals an absent one, because the records do not model annotations.
 */
final class JsonAssertions {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  private JsonAssertions() {}

  static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  /** Exactly the same JSON value (field order aside). */
  static void assertSameJson(String actual, String expected) {
    assertThat(tree(actual)).as("JSON %s", actual).isEqualTo(tree(expected));
  }

  /** The same value once nulls are dropped and numbers compared by value. */
  static void assertEquivalent(JsonNode actual, JsonNode expected) {
    JsonNode a = normalize(actual.deepCopy(), false);
    JsonNode e = normalize(expected.deepCopy(), false);
    assertThat(a.equals(NUMBERS_BY_VALUE, e)).as("%s%nis equivalent to%n%s", a, e).isTrue();
  }

  /** Like {@link #assertEquivalent}, and an empty {@code annotations} array equals an absent one. */
  static void equivalentOpenAi(JsonNode actual, JsonNode expected) {
    JsonNode a = normalize(actual.deepCopy(), true);
    JsonNode e = normalize(expected.deepCopy(), true);
    assertThat(a.equals(NUMBERS_BY_VALUE, e)).as("%s%nis equivalent to%n%s", a, e).isTrue();
  }

  private static JsonNode normalize(JsonNode node, boolean dropEmptyAnnotations) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode value = field.getValue();
        boolean emptyAnnotations = dropEmptyAnnotations && field.getKey().equals("annotations")
            && value.isArray() && value.isEmpty();
        if (value.isNull() || emptyAnnotations) {
          it.remove();
        } else {
          normalize(value, dropEmptyAnnotations);
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(element -> normalize(element, dropEmptyAnnotations));
    }
    return node;
  }
}
