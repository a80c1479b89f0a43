package dev.confidant.jlama.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.ToolCall;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Finds the tool calls in text a model generated, in the formats open chat models are trained on:
 * <ul>
 *   <li>Hermes / Qwen 2.5: {@code <tool_call>{"name": ..., "arguments": {...}}</tool_call>}, one block per call;
 *   <li>Mistral: {@code [TOOL_CALLS] [{"name": ..., "arguments": {...}}, ...]};
 *   <li>Llama 3.1: {@code <|python_tag|>{"name": ..., "parameters": {...}}}, calls separated by {@code ;};
 *   <li>Llama 3.2 / bare JSON: a reply that is a JSON object (or array of objects) with {@code name} and
 *       {@code parameters} or {@code arguments}, accepted only when the name is an offered tool.
 * </ul>
 * It is lenient where models are sloppy: JSON cut off by the token limit is closed (open strings, objects and
 * arrays), a missing closing tag is tolerated, {@code arguments} may be an object or a JSON string, and text around
 * the calls is kept as content. Text that does not parse as a call stays content. Stateless and thread-safe.
 */
final class ToolCallParser {
  static final String HERMES_OPEN = "<tool_call>";
  static final String HERMES_CLOSE = "</tool_call>";
  static final String MISTRAL = "[TOOL_CALLS]";
  static final String PYTHON_TAG = "<|python_tag|>";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolCallParser() {}

  /**
   * What a reply says.
   *
   * @param content the text outside the calls, stripped
   * @param calls the calls, in order
   */
  record Parsed(String content, List<ToolCall> calls) {}

  /** Parses a whole reply; {@code toolNames} are the offered tools (for bare JSON). */
  static Parsed parse(String text, Set<String> toolNames) {
    if (text.contains(HERMES_OPEN)) {
      return hermes(text);
    }
    int mistral = text.indexOf(MISTRAL);
    if (mistral >= 0) {
      return tagged(text, mistral, MISTRAL.length());
    }
    int python = text.indexOf(PYTHON_TAG);
    if (python >= 0) {
      return tagged(text, python, PYTHON_TAG.length());
    }
    String trimmed = text.strip();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      List<ToolCall> calls = new ArrayList<>();
      String rest = calls(trimmed, calls);
      if (!calls.isEmpty() && calls.stream().allMatch(c -> toolNames.contains(c.name()))) {
        return new Parsed(rest.strip(), calls);
      }
    }
    return new Parsed(text, List.of());
  }

  private static Parsed hermes(String text) {
    StringBuilder content = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    int at = 0;
    while (true) {
      int open = text.indexOf(HERMES_OPEN, at);
      if (open < 0) {
        content.append(text, at, text.length());
        break;
      }
      content.append(text, at, open);
      int close = text.indexOf(HERMES_CLOSE, open);
      int end = close < 0 ? text.length() : close;
      String body = text.substring(open + HERMES_OPEN.length(), end);
      int before = calls.size();
      String rest = calls(body, calls);
      if (calls.size() == before) {
        content.append(text, open, close < 0 ? end : close + HERMES_CLOSE.length()); // not a call after all
      } else {
        content.append(rest.strip());
      }
      if (close < 0) {
        break;
      }
      at = close + HERMES_CLOSE.length();
    }
    return new Parsed(content.toString().strip(), calls);
  }

  private static Parsed tagged(String text, int tag, int tagLength) {
    List<ToolCall> calls = new ArrayList<>();
    String rest = calls(text.substring(tag + tagLength), calls);
    if (calls.isEmpty()) {
      return new Parsed(text, List.of());
    }
    return new Parsed((text.substring(0, tag) + rest).strip(), calls);
  }

  /**
   * Reads the JSON values at the start of {@code text} (objects, arrays of objects, separated by whitespace,
   * {@code ,} or {@code ;}) as calls, and returns the text after them.
   */
  private static String calls(String text, List<ToolCall> out) {
    int at = 0;
    while (true) {
      at = skipSeparators(text, at);
      if (at >= text.length() || (text.charAt(at) != '{' && text.charAt(at) != '[')) {
        return text.substring(at);
      }
      int end = valueEnd(text, at);
      JsonNode node = read(text.substring(at, end));
      if (node == null) {
        return text.substring(at);
      }
      List<ToolCall> found = new ArrayList<>();
      if (node.isArray()) {
        node.forEach(n -> addCall(n, found));
      } else {
        addCall(node, found);
      }
      if (found.isEmpty()) {
        return text.substring(at);
      }
      out.addAll(found);
      at = end;
    }
  }

  private static int skipSeparators(String text, int at) {
    while (at < text.length() && (Character.isWhitespace(text.charAt(at)) || ",;".indexOf(text.charAt(at)) >= 0)) {
      at++;
    }
    return at;
  }

  private static void addCall(JsonNode node, List<ToolCall> out) {
    JsonNode function = node.has("function") && node.get("function").isObject() ? node.get("function") : node;
    JsonNode name = function.get("name");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      return;
    }
    JsonNode args = function.has("arguments") ? function.get("arguments") : function.get("parameters");
    String arguments;
    if (args == null || args.isNull()) {
      arguments = "{}";
    } else if (args.isTextual()) {
      JsonNode inner = read(args.asText());
      arguments = inner != null ? inner.toString() : args.asText();
    } else {
      arguments = args.toString();
    }
    JsonNode id = node.get("id");
    String callId = id != null && id.isTextual() && !id.asText().isBlank() ? id.asText()
        : "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    out.add(new ToolCall(callId, name.asText().strip(), arguments));
  }

  /** The end of the JSON value starting at {@code start}: after its closing bracket, or the end of the text. */
  private static int valueEnd(String text, int start) {
    Brackets brackets = new Brackets(text, start);
    int depth = 0;
    for (int at = brackets.next(); at >= 0; at = brackets.next()) {
      char c = text.charAt(at);
      if (c == '{' || c == '[') {
        depth++;
      } else if (--depth == 0) {
        return at + 1;
      }
    }
    return text.length();
  }

  /** Parses JSON, closing what a cut-off generation left open; {@code null} if it still does not parse. */
  static @Nullable JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      try {
        return JSON.readTree(repair(json));
      } catch (JsonProcessingException again) {
        return null;
      }
    }
  }

  /** Closes an open string, drops a dangling key or comma, and closes open objects and arrays. */
  static String repair(String json) {
    StringBuilder out = new StringBuilder(json.strip());
    Deque<Character> open = new ArrayDeque<>();
    Brackets brackets = new Brackets(out, 0);
    for (int at = brackets.next(); at >= 0; at = brackets.next()) {
      char c = out.charAt(at);
      if (c == '{') {
        open.push('}');
      } else if (c == '[') {
        open.push(']');
      } else if (!open.isEmpty()) {
        open.pop();
      }
    }
    if (brackets.inString()) {
      if (out.charAt(out.length() - 1) == '\\') {
        out.setLength(out.length() - 1);
      }
      out.append('"');
    }
    String s = out.toString().stripTrailing();
    // A key without a value ({"a":1,"b" or {"a":1,"b":) or a trailing comma cannot be completed: drop it.
    s = s.replaceFirst(",\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*:?\\s*$", "").replaceFirst("\\{\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*:?\\s*$", "{")
        .replaceFirst("[,:]\\s*$", "");
    StringBuilder closed = new StringBuilder(s);
    open.forEach(closed::append);
    return closed.toString();
  }

  /** Finds the brackets of JSON text that are outside strings, one after the other. Not thread-safe. */
  private static final class Brackets {
    private final CharSequence text;
    private int position;
    private boolean inString;

    Brackets(CharSequence text, int start) {
      this.text = text;
      this.position = start;
    }

    /** The position of the next bracket outside a string, or -1 at the end of the text. */
    int next() {
      for (; position < text.length(); position++) {
        char c = text.charAt(position);
        if (inString) {
          if (c == '\\') {
            position++;
          } else if (c == '"') {
            inString = false;
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == '{' || c == '[' || c == '}' || c == ']') {
          return position++;
        }
      }
      return -1;
    }

    /** Whether the text ended inside a string. */
    boolean inString() {
      return inString;
    }
  }
}
