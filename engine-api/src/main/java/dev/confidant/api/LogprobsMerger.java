package dev.confidant.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Joins the {@code logprobs} of a choice's chunks into the choice's {@code logprobs}, as a non-streaming
 * {@code chat.completion} carries them: chunk by chunk, top-level members whose values are arrays on both sides
 * ({@code content}, {@code refusal}) are concatenated, and any other member takes the later non-null value.
 * The values themselves are not parsed, only delimited (strings, escapes and nesting), because this module has no
 * JSON library; text that is not a JSON object leaves the later value as it is. Stateless.
 */
final class LogprobsMerger {
  private LogprobsMerger() {}

  /** {@code earlier} followed by {@code later}. */
  static RawJson merge(@Nullable RawJson earlier, RawJson later) {
    if (earlier == null) {
      return later;
    }
    Map<String, String> before = members(earlier.json());
    Map<String, String> after = members(later.json());
    if (before == null || after == null) {
      return later;
    }
    Map<String, String> merged = new LinkedHashMap<>(before);
    after.forEach((key, value) -> {
      String old = merged.get(key);
      if (old != null && isArray(old) && isArray(value)) {
        merged.put(key, concat(old, value));
      } else if (old == null || !value.equals("null")) {
        merged.put(key, value);
      }
    });
    StringBuilder out = new StringBuilder("{");
    merged.forEach((key, value) -> out.append(out.length() > 1 ? "," : "").append(key).append(':').append(value));
    return RawJson.of(out.append('}').toString());
  }

  private static boolean isArray(String value) {
    return value.startsWith("[");
  }

  private static String concat(String a, String b) {
    String left = a.substring(1, a.length() - 1).strip();
    String right = b.substring(1, b.length() - 1).strip();
    return "[" + left + (left.isEmpty() || right.isEmpty() ? "" : ",") + right + "]";
  }

  /** The members of a JSON object: raw key (with its quotes) to raw value, or {@code null} if not an object. */
  private static @Nullable Map<String, String> members(String json) {
    Map<String, String> members = new LinkedHashMap<>();
    int i = skipSpace(json, 0);
    if (i >= json.length() || json.charAt(i) != '{') {
      return null;
    }
    i = skipSpace(json, i + 1);
    if (i < json.length() && json.charAt(i) == '}') {
      return skipSpace(json, i + 1) == json.length() ? members : null;
    }
    while (i < json.length()) {
      if (json.charAt(i) != '"') {
        return null;
      }
      int keyEnd = endOfString(json, i);
      int colon = skipSpace(json, keyEnd);
      if (keyEnd < 0 || colon >= json.length() || json.charAt(colon) != ':') {
        return null;
      }
      int valueStart = skipSpace(json, colon + 1);
      int valueEnd = endOfValue(json, valueStart);
      if (valueEnd < 0) {
        return null;
      }
      members.put(json.substring(i, keyEnd), json.substring(valueStart, valueEnd));
      i = skipSpace(json, valueEnd);
      if (i < json.length() && json.charAt(i) == ',') {
        i = skipSpace(json, i + 1);
      } else if (i < json.length() && json.charAt(i) == '}') {
        return skipSpace(json, i + 1) == json.length() ? members : null;
      } else {
        return null;
      }
    }
    return null;
  }

  /** The index after the string starting at {@code start}, or -1 if it does not end. */
  private static int endOfString(String json, int start) {
    for (int i = start + 1; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i + 1;
      }
    }
    return -1;
  }

  /** The index after the value starting at {@code start}, or -1 if it does not end. */
  private static int endOfValue(String json, int start) {
    if (start >= json.length()) {
      return -1;
    }
    char first = json.charAt(start);
    if (first == '"') {
      return endOfString(json, start);
    }
    if (first != '{' && first != '[') {
      int i = start;
      while (i < json.length() && ",}] \t\r\n".indexOf(json.charAt(i)) < 0) {
        i++;
      }
      return i == start ? -1 : i;
    }
    int depth = 0;
    for (int i = start; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '"') {
        i = endOfString(json, i) - 1;
        if (i < 0) {
          return -1;
        }
      } else if (c == '{' || c == '[') {
        depth++;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  private static int skipSpace(String json, int i) {
    while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
      i++;
    }
    return i;
  }
}
