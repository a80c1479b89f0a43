package dev.confidant.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The replies of {@link FakeModelServer}: echoes the last user message word by word (so that contract tests can
 * check content exactly), honours {@code stop} and the token limit, calls the first tool when tools are offered,
 * and reports usage as word counts. Events are the JSON documents of each protocol, in its order. Stateless.
 */
public final class FakeReplies {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The arguments of every fake tool call. */
  public static final String TOOL_ARGUMENTS = "{\"city\":\"Zürich\",\"days\":2}";

  private FakeReplies() {}

  /**
   * OpenAI chat.completion.chunk events, then {@code [DONE]}. With {@code n > 1} (at most 8) the choices'
   * chunks interleave, choice {@code i > 0} saying the words backwards; with {@code logprobs} each content chunk
   * carries its token's log probability and {@code top_logprobs} alternatives.
   */
  public static List<String> openAi(JsonNode request) {
    Reply reply = reply(request, request.path("max_completion_tokens").asInt(request.path("max_tokens").asInt(0)));
    String model = request.path("model").asText();
    int n = reply.tool != null ? 1 : Math.max(1, Math.min(8, request.path("n").asInt(1)));
    boolean logprobs = request.path("logprobs").asBoolean(false);
    int top = request.path("top_logprobs").asInt(0);
    List<String> events = new ArrayList<>();
    if (reply.tool != null) {
      ObjectNode first = delta(model, 0);
      first.withObject("/choices/0/delta").put("role", "assistant").put("content", "");
      ArrayNode calls = first.withObject("/choices/0/delta").putArray("tool_calls");
      ObjectNode call = calls.addObject().put("index", 0).put("id", "call_fake1").put("type", "function");
      call.putObject("function").put("name", reply.tool).put("arguments", "");
      events.add(write(first));
      int half = TOOL_ARGUMENTS.length() / 2;
      for (String part : List.of(TOOL_ARGUMENTS.substring(0, half), TOOL_ARGUMENTS.substring(half))) {
        ObjectNode chunk = delta(model, 0);
        chunk.withObject("/choices/0/delta").putArray("tool_calls").addObject().put("index", 0)
            .putObject("function").put("arguments", part);
        events.add(write(chunk));
      }
    } else {
      for (int i = 0; i < n; i++) {
        ObjectNode first = delta(model, i);
        first.withObject("/choices/0/delta").put("role", "assistant").put("content", "");
        events.add(write(first));
      }
      for (int t = 0; t < reply.tokens.size(); t++) {
        for (int i = 0; i < n; i++) {
          String token = reply.tokens.get(i == 0 ? t : reply.tokens.size() - 1 - t);
          ObjectNode chunk = delta(model, i);
          chunk.withObject("/choices/0/delta").put("content", token);
          if (logprobs) {
            chunk.withObject("/choices/0").set("logprobs", logprobs(token, t, top));
          }
          events.add(write(chunk));
        }
      }
    }
    for (int i = 0; i < n; i++) {
      ObjectNode finish = delta(model, i);
      finish.withObject("/choices/0").put("finish_reason", reply.tool != null ? "tool_calls" : reply.finish);
      events.add(write(finish));
    }
    if (request.path("stream_options").path("include_usage").asBoolean(false)) {
      ObjectNode usage = base(model);
      usage.putArray("choices");
      int completion = n * reply.completionTokens();
      usage.putObject("usage").put("prompt_tokens", reply.promptTokens)
          .put("completion_tokens", completion)
          .put("total_tokens", reply.promptTokens + completion);
      events.add(write(usage));
    }
    events.add("[DONE]");
    return events;
  }

  /**
   * The {@code chat.completion} a request without {@code "stream": true} gets: the same reply as
   * {@link #openAi}, whole (one choice; with tools offered, the tool call).
   */
  public static String openAiCompletion(JsonNode request) {
    Reply reply = reply(request, request.path("max_completion_tokens").asInt(request.path("max_tokens").asInt(0)));
    String model = request.path("model").asText();
    ObjectNode completion = JSON.createObjectNode();
    completion.put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1694268190)
        .put("model", model).put("system_fingerprint", "fp_fake");
    ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    if (reply.tool != null) {
      message.putNull("content");
      ObjectNode call = message.putArray("tool_calls").addObject().put("id", "call_fake1").put("type", "function");
      call.putObject("function").put("name", reply.tool).put("arguments", TOOL_ARGUMENTS);
    } else {
      message.put("content", String.join("", reply.tokens));
    }
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", reply.tool != null ? "tool_calls" : reply.finish);
    completion.putObject("usage").put("prompt_tokens", reply.promptTokens)
        .put("completion_tokens", reply.completionTokens())
        .put("total_tokens", reply.promptTokens + reply.completionTokens());
    return write(completion);
  }

  /** {@code {"content":[{token, logprob, bytes, top_logprobs}],"refusal":null}} for the {@code t}-th token. */
  private static ObjectNode logprobs(String token, int t, int top) {
    ObjectNode logprobs = JSON.createObjectNode();
    ObjectNode entry = logprobs.putArray("content").addObject();
    entry.put("token", token).put("logprob", -0.125 * (t + 1));
    ArrayNode bytes = entry.putArray("bytes");
    for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
      bytes.add(b & 0xff);
    }
    ArrayNode alternatives = entry.putArray("top_logprobs");
    for (int k = 0; k < top; k++) {
      String alternative = k == 0 ? token : "alt" + k;
      alternatives.addObject().put("token", alternative).put("logprob", -0.125 * (t + 1) - k)
          .putArray("bytes").add(97);
    }
    logprobs.putNull("refusal");
    return logprobs;
  }

  /** Ollama /api/chat NDJSON records, the last with {@code "done": true}. */
  public static List<String> ollama(JsonNode request) {
    Reply reply = reply(request, request.path("options").path("num_predict").asInt(0));
    String model = request.path("model").asText();
    List<String> events = new ArrayList<>();
    if (reply.tool != null) {
      ObjectNode record = record(model, "");
      ObjectNode function = record.withObject("/message").putArray("tool_calls").addObject().putObject("function");
      function.put("name", reply.tool);
      try {
        function.set("arguments", JSON.readTree(TOOL_ARGUMENTS));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
      events.add(write(record));
    } else {
      for (String token : reply.tokens) {
        events.add(write(record(model, token)));
      }
    }
    ObjectNode done = record(model, "");
    done.put("done", true).put("done_reason", reply.finish).put("total_duration", 4883583458L)
        .put("load_duration", 1334875).put("prompt_eval_count", reply.promptTokens)
        .put("prompt_eval_duration", 342546000).put("eval_count", reply.completionTokens())
        .put("eval_duration", 4535599000L);
    events.add(write(done));
    return events;
  }

  private record Reply(List<String> tokens, String finish, int promptTokens, @Nullable String tool) {
    int completionTokens() {
      return tool != null ? 8 : tokens.size();
    }
  }

  private static Reply reply(JsonNode request, int limit) {
    JsonNode messages = request.path("messages");
    int prompt = 1;
    String last = "";
    String lastRole = "";
    for (JsonNode m : messages) {
      String text = text(m.path("content"));
      prompt += text.isBlank() ? 0 : text.strip().split("\\s+").length;
      lastRole = m.path("role").asText();
      if ("user".equals(lastRole)) {
        last = text;
      }
    }
    JsonNode tools = request.path("tools");
    boolean offerTools = tools.isArray() && !tools.isEmpty() && !"none".equals(request.path("tool_choice").asText())
        && !"tool".equals(lastRole);
    if (offerTools) {
      return new Reply(List.of(), "stop", prompt, tools.get(0).path("function").path("name").asText());
    }
    String finish = "stop";
    for (JsonNode stop : request.has("stop") ? request.path("stop") : request.path("options").path("stop")) {
      int at = last.indexOf(stop.asText());
      if (at >= 0) {
        last = last.substring(0, at);
      }
    }
    List<String> tokens = new ArrayList<>(List.of(last.isEmpty() ? new String[0] : last.split("(?<=\\s)")));
    if (limit > 0 && tokens.size() > limit) {
      tokens = new ArrayList<>(tokens.subList(0, limit));
      finish = "length";
    }
    return new Reply(tokens, finish, prompt, null);
  }

  private static String text(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    content.forEach(part -> text.append(part.path("text").asText("")));
    return text.toString();
  }

  private static ObjectNode base(String model) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("created", 1694268190)
        .put("model", model).put("system_fingerprint", "fp_fake");
    return node;
  }

  private static ObjectNode delta(String model, int index) {
    ObjectNode node = base(model);
    ObjectNode choice = node.putArray("choices").addObject();
    choice.put("index", index).putObject("delta");
    choice.putNull("logprobs");
    choice.putNull("finish_reason");
    return node;
  }

  private static ObjectNode record(String model, String content) {
    ObjectNode node = JSON.createObjectNode();
    node.put("model", model).put("created_at", "2023-08-04T08:52:19.385406455-07:00");
    node.putObject("message").put("role", "assistant").put("content", content);
    node.put("done", false);
    return node;
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
