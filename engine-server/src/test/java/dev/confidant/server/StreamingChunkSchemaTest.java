package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.confidant.testkit.ScriptedToolCall;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SSE stream of {@code POST /chat/completions}, checked field by field against OpenAI's
 * {@code CreateChatCompletionStreamResponse} (OpenAPI 2.3.0): the facts are written out below, not read from a
 * file. Each scenario also checks that the concatenated deltas equal the blocking response to the same request.
 */
@Timeout(60)
class StreamingChunkSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  // ---- facts from the OpenAPI schema (CreateChatCompletionStreamResponse and what it references) ----
  /** Required properties of a chunk. */
  private static final Set<String> CHUNK_REQUIRED = Set.of("id", "object", "created", "model", "choices");
  /** Every property a chunk may have. */
  private static final Set<String> CHUNK_PROPERTIES = Set.of("id", "object", "created", "model", "choices",
      "system_fingerprint", "service_tier", "usage", "obfuscation", "moderation");
  /** Required properties of a choice: finish_reason is required but nullable. */
  private static final Set<String> CHOICE_REQUIRED = Set.of("index", "delta", "finish_reason");
  private static final Set<String> CHOICE_PROPERTIES = Set.of("index", "delta", "finish_reason", "logprobs");
  private static final Set<String> FINISH_REASONS = Set.of("stop", "length", "tool_calls", "content_filter",
      "function_call");
  /** ChatCompletionStreamResponseDelta. */
  private static final Set<String> DELTA_PROPERTIES = Set.of("content", "function_call", "tool_calls", "role",
      "refusal");
  private static final Set<String> ROLES = Set.of("developer", "system", "user", "assistant", "tool");
  /** ChatCompletionMessageToolCallChunk: only index is required; type is the constant "function". */
  private static final Set<String> TOOL_CALL_CHUNK_PROPERTIES = Set.of("index", "id", "type", "function");
  private static final Set<String> USAGE_INTEGERS = Set.of("prompt_tokens", "completion_tokens", "total_tokens");

  private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

  /** What one streamed request gave: the raw body and the parsed chunks. */
  private record Wire(String body, List<JsonNode> chunks) {}

  private static Wire stream(Harness h, String extra) throws Exception {
    HttpResponse<String> res = h.chat(Harness.ADMIN, "{\"model\":\"m\",\"stream\":true," + extra + MESSAGES + "}");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v)
        .startsWith("text/event-stream"));
    String body = res.body();
    // Transport: events are "data: <json>\n\n", and the stream ends with exactly one "data: [DONE]".
    assertThat(body).endsWith("\n\ndata: [DONE]\n\n");
    String[] events = body.substring(0, body.length() - 2).split("\n\n", -1);
    List<JsonNode> chunks = new ArrayList<>();
    for (int i = 0; i < events.length - 1; i++) {
      assertThat(events[i]).startsWith("data: {").doesNotContain("\n");
      chunks.add(JSON.readTree(events[i].substring("data: ".length())));
    }
    assertThat(events[events.length - 1]).isEqualTo("data: [DONE]");
    return new Wire(body, chunks);
  }

  private static JsonNode blocking(Harness h, String extra) throws Exception {
    HttpResponse<String> res = h.chat(Harness.ADMIN, "{\"model\":\"m\"," + extra + MESSAGES + "}");
    assertThat(res.statusCode()).isEqualTo(200);
    return JSON.readTree(res.body());
  }

  /** Checks one chunk against the schema. */
  private static void checkChunk(JsonNode chunk, boolean includeUsage) {
    assertThat(chunk.isObject()).isTrue();
    assertThat(names(chunk)).as("chunk properties").containsAll(CHUNK_REQUIRED).isSubsetOf(CHUNK_PROPERTIES);
    assertThat(chunk.get("id").isTextual()).as("id is a string").isTrue();
    assertThat(chunk.get("id").asText()).isNotEmpty();
    assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(chunk.get("created").isIntegralNumber()).as("created is an integer").isTrue();
    long created = chunk.get("created").asLong();
    assertThat(Math.abs(created - Instant.now().getEpochSecond())).as("created is Unix seconds").isLessThan(3600);
    assertThat(chunk.get("model").isTextual()).as("model is a string").isTrue();
    if (chunk.has("system_fingerprint")) {
      assertThat(chunk.get("system_fingerprint").isTextual()).as("system_fingerprint is a string").isTrue();
    }
    if (includeUsage) {
      // "All other chunks will also include a usage field, but with a null value."
      assertThat(chunk.has("usage")).as("usage present when include_usage").isTrue();
      assertThat(chunk.get("usage").isNull() || chunk.get("usage").isObject()).isTrue();
    } else {
      assertThat(chunk.has("usage")).as("usage only with include_usage").isFalse();
    }
    if (chunk.path("usage").isObject()) {
      JsonNode usage = chunk.get("usage");
      for (String field : USAGE_INTEGERS) {
        assertThat(usage.path(field).isIntegralNumber()).as("usage.%s is an integer", field).isTrue();
      }
      assertThat(usage.get("total_tokens").asInt())
          .isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());
    }
    assertThat(chunk.get("choices").isArray()).as("choices is an array").isTrue();
    for (JsonNode choice : chunk.get("choices")) {
      assertThat(names(choice)).as("choice properties").containsAll(CHOICE_REQUIRED).isSubsetOf(CHOICE_PROPERTIES);
      assertThat(choice.get("index").isIntegralNumber()).isTrue();
      JsonNode finish = choice.get("finish_reason");
      assertThat(finish.isNull() || FINISH_REASONS.contains(finish.asText())).as("finish_reason %s", finish).isTrue();
      if (choice.has("logprobs")) {
        assertThat(choice.get("logprobs").isNull() || choice.get("logprobs").isObject()).isTrue();
      }
      checkDelta(choice.get("delta"));
    }
  }

  private static void checkDelta(JsonNode delta) {
    assertThat(delta.isObject()).as("delta is an object").isTrue();
    assertThat(names(delta)).as("delta properties").isSubsetOf(DELTA_PROPERTIES);
    if (delta.has("role")) {
      assertThat(ROLES).contains(delta.get("role").asText());
    }
    for (String field : List.of("content", "refusal")) {
      if (delta.has(field)) {
        assertThat(delta.get(field).isTextual() || delta.get(field).isNull()).as("delta.%s", field).isTrue();
      }
    }
    if (delta.has("tool_calls")) {
      assertThat(delta.get("tool_calls").isArray()).isTrue();
      for (JsonNode call : delta.get("tool_calls")) {
        assertThat(names(call)).as("tool call chunk properties").contains("index")
            .isSubsetOf(TOOL_CALL_CHUNK_PROPERTIES);
        assertThat(call.get("index").isIntegralNumber()).isTrue();
        if (call.has("id")) {
          assertThat(call.get("id").isTextual()).isTrue();
        }
        if (call.has("type")) {
          assertThat(call.get("type").asText()).isEqualTo("function");
        }
        if (call.has("function")) {
          assertThat(call.get("function").isObject()).isTrue();
          assertThat(names(call.get("function"))).isSubsetOf(Set.of("name", "arguments"));
          call.get("function").forEach(v -> assertThat(v.isTextual()).isTrue());
        }
      }
    }
  }

  /**
   * Checks the sequence: one id, created and model; the role only in the first chunk; a finish_reason only in the
   * last chunk of each choice; the usage chunk (empty choices) last and only with include_usage; tool-call
   * fragments with id, type and name first and arguments after.
   */
  private static void checkSequence(List<JsonNode> chunks, boolean includeUsage) {
    assertThat(chunks).isNotEmpty();
    chunks.forEach(c -> checkChunk(c, includeUsage));
    JsonNode first = chunks.get(0);
    for (JsonNode c : chunks) {
      assertThat(c.get("id").asText()).as("same id in every chunk").isEqualTo(first.get("id").asText());
      assertThat(c.get("created").asLong()).as("same created in every chunk").isEqualTo(first.get("created").asLong());
      assertThat(c.get("model").asText()).isEqualTo(first.get("model").asText());
    }
    assertThat(first.get("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
    for (int i = 1; i < chunks.size(); i++) {
      for (JsonNode choice : chunks.get(i).get("choices")) {
        assertThat(choice.path("delta").has("role")).as("role only in the first chunk").isFalse();
      }
    }
    List<JsonNode> choiceChunks = chunks;
    if (includeUsage) {
      JsonNode last = chunks.get(chunks.size() - 1);
      assertThat(last.get("choices")).as("usage chunk has empty choices").isEmpty();
      assertThat(last.get("usage").isObject()).isTrue();
      choiceChunks = chunks.subList(0, chunks.size() - 1);
      for (JsonNode c : choiceChunks) {
        assertThat(c.get("usage").isNull()).as("usage null except in the last chunk").isTrue();
      }
    }
    Map<Integer, Integer> finishedAt = new HashMap<>();
    for (int i = 0; i < choiceChunks.size(); i++) {
      JsonNode c = choiceChunks.get(i);
      assertThat(c.get("choices")).as("only the usage chunk has empty choices").isNotEmpty();
      for (JsonNode choice : c.get("choices")) {
        int index = choice.get("index").asInt();
        assertThat(finishedAt).as("nothing for choice %d after its finish_reason", index).doesNotContainKey(index);
        if (!choice.get("finish_reason").isNull()) {
          finishedAt.put(index, i);
        }
      }
    }
    assertThat(finishedAt).as("every choice finishes").isNotEmpty();
    assertThat(finishedAt.values()).as("finish_reason in the final choice chunk").contains(choiceChunks.size() - 1);
    Set<Integer> started = new HashSet<>();
    for (JsonNode c : choiceChunks) {
      for (JsonNode call : c.get("choices").get(0).path("delta").path("tool_calls")) {
        int index = call.get("index").asInt();
        if (started.add(index)) {
          assertThat(call.path("id").asText()).as("first fragment of call %d has the id", index).isNotEmpty();
          assertThat(call.path("type").asText()).isEqualTo("function");
          assertThat(call.path("function").path("name").asText()).isNotEmpty();
        } else {
          assertThat(names(call)).as("later fragments of call %d", index)
              .containsExactlyInAnyOrder("index", "function");
          assertThat(names(call.get("function"))).containsExactly("arguments");
        }
      }
    }
  }

  /** The message the deltas add up to: content, tool calls by index, finish reason and usage. */
  private static Map<String, Object> concatenated(List<JsonNode> chunks) {
    StringBuilder content = new StringBuilder();
    boolean sawContent = false;
    TreeMap<Integer, List<String>> calls = new TreeMap<>();
    String finish = null;
    JsonNode usage = null;
    for (JsonNode c : chunks) {
      if (c.path("usage").isObject()) {
        usage = c.get("usage");
      }
      for (JsonNode choice : c.get("choices")) {
        JsonNode delta = choice.get("delta");
        if (delta.path("content").isTextual()) {
          content.append(delta.get("content").asText());
          sawContent |= !delta.get("content").asText().isEmpty();
        }
        for (JsonNode call : delta.path("tool_calls")) {
          List<String> parts = calls.computeIfAbsent(call.get("index").asInt(), i -> new ArrayList<>(
              List.of("", "", "")));
          if (call.has("id")) {
            parts.set(0, call.get("id").asText());
          }
          if (call.path("function").has("name")) {
            parts.set(1, call.get("function").get("name").asText());
          }
          parts.set(2, parts.get(2) + call.path("function").path("arguments").asText(""));
        }
        if (!choice.get("finish_reason").isNull()) {
          finish = choice.get("finish_reason").asText();
        }
      }
    }
    Map<String, Object> out = new HashMap<>();
    out.put("content", sawContent ? content.toString() : null);
    out.put("tool_calls", List.copyOf(calls.values()));
    out.put("finish_reason", finish);
    out.put("usage", usage);
    return out;
  }

  private static Map<String, Object> ofBlocking(JsonNode response) {
    JsonNode choice = response.get("choices").get(0);
    JsonNode message = choice.get("message");
    List<List<String>> calls = new ArrayList<>();
    for (JsonNode call : message.path("tool_calls")) {
      calls.add(List.of(call.get("id").asText(), call.get("function").get("name").asText(),
          call.get("function").get("arguments").asText()));
    }
    Map<String, Object> out = new HashMap<>();
    out.put("content", message.path("content").isTextual() ? message.get("content").asText() : null);
    out.put("tool_calls", calls);
    out.put("finish_reason", choice.get("finish_reason").asText());
    out.put("usage", response.get("usage"));
    return out;
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  // ---- scenarios ----

  @Test
  void textStreamWithUsageFollowsTheSchemaAndEqualsTheBlockingResponse() throws Exception {
    ScriptedReply reply = ScriptedReply.text("Grüße, Jürgen 😀! Zwei Sätze.").splitEvery(3);
    try (Harness h = new Harness(ScriptedModelBackend.of(reply, reply))) {
      String withUsage = "\"stream_options\":{\"include_usage\":true},";
      Wire wire = stream(h, withUsage);
      checkSequence(wire.chunks(), true);
      assertThat(wire.chunks().size()).as("content arrives in several chunks").isGreaterThan(5);
      Map<String, Object> streamed = concatenated(wire.chunks());
      assertThat(streamed.get("content")).isEqualTo("Grüße, Jürgen 😀! Zwei Sätze.");
      assertThat(streamed).isEqualTo(ofBlocking(blocking(h, "")));
    }
  }

  @Test
  void textStreamWithoutIncludeUsageHasNoUsageAnywhere() throws Exception {
    ScriptedReply reply = ScriptedReply.text("Hello there.").splitEvery(2);
    try (Harness h = new Harness(ScriptedModelBackend.of(reply))) {
      Wire wire = stream(h, "");
      checkSequence(wire.chunks(), false);
      assertThat(wire.body()).doesNotContain("\"usage\"");
      assertThat(concatenated(wire.chunks()).get("content")).isEqualTo("Hello there.");
    }
  }

  @Test
  void parallelToolCallStreamFollowsTheSchemaAndEqualsTheBlockingResponse() throws Exception {
    ScriptedReply reply = ScriptedReply.toolCalls(
        ScriptedToolCall.of("call_a", "weather", "{\"city\":\"Köln\",\"days\":2}").splitEvery(4),
        ScriptedToolCall.of("call_b", "lookup", "{\"q\":\"Zürich 😀\"}").splitEvery(3));
    String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"weather\",\"parameters\":"
        + "{\"type\":\"object\"}}},{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":"
        + "{\"type\":\"object\"}}}],";
    try (Harness h = new Harness(ScriptedModelBackend.of(reply, reply))) {
      Wire wire = stream(h, tools + "\"stream_options\":{\"include_usage\":true},");
      checkSequence(wire.chunks(), true);
      Map<String, Object> streamed = concatenated(wire.chunks());
      assertThat(streamed.get("finish_reason")).isEqualTo("tool_calls");
      assertThat(streamed.get("tool_calls")).isEqualTo(List.of(
          List.of("call_a", "weather", "{\"city\":\"Köln\",\"days\":2}"),
          List.of("call_b", "lookup", "{\"q\":\"Zürich 😀\"}")));
      assertThat(streamed).isEqualTo(ofBlocking(blocking(h, tools)));
    }
  }
}
