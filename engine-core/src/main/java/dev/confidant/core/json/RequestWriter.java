package dev.confidant.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.Content;
import dev.confidant.api.ContentPart;
import dev.confidant.api.DeveloperMessage;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.Sampling;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.ToolCall;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.UserMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes a request as a client sends it to OpenAI: unset ({@code null}) fields and empty lists are left out, so
 * that the server's defaults apply; the request's extra fields follow verbatim. Stateless, thread-safe.
 */
final class RequestWriter {
  private RequestWriter() {}

  static ObjectNode write(ChatCompletionRequest request) {
    ObjectNode body = JsonSupport.NODES.objectNode();
    putIfSet(body, "model", request.model());
    ArrayNode messages = body.putArray("messages");
    request.messages().forEach(m -> messages.add(message(m)));
    sampling(body, request.sampling());
    options(body, request.options());
    List<ToolDefinition> definitions = request.tools().definitions();
    if (!definitions.isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      definitions.forEach(d -> tools.add(tool(d)));
    }
    switch (request.tools().choice()) {
      case ToolChoice.Mode mode -> body.put("tool_choice", mode.wireName());
      case ToolChoice.Function f -> {
        ObjectNode choice = body.putObject("tool_choice").put("type", "function");
        choice.putObject("function").put("name", f.name());
      }
      case null -> { }
    }
    if (request.tools().parallelToolCalls() != null) {
      body.put("parallel_tool_calls", request.tools().parallelToolCalls());
    }
    if (request.responseFormat() != null) {
      body.set("response_format", responseFormat(request.responseFormat()));
    }
    // Extra fields come last and never replace a modelled field of the same name.
    request.extraFields().forEach((name, value) -> {
      if (!body.has(name) && !RequestReader.MODELLED.contains(name)) {
        body.set(name, JsonSupport.tree(value, "extra field " + name));
      }
    });
    return body;
  }

  private static void sampling(ObjectNode body, Sampling s) {
    putIfSet(body, "temperature", s.temperature());
    putIfSet(body, "top_p", s.topP());
    putIfSet(body, "max_tokens", s.maxTokens());
    putIfSet(body, "max_completion_tokens", s.maxCompletionTokens());
    if (!s.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop");
      s.stop().forEach(stop::add);
    }
    if (s.seed() != null) {
      body.put("seed", s.seed());
    }
    putIfSet(body, "frequency_penalty", s.frequencyPenalty());
    putIfSet(body, "presence_penalty", s.presencePenalty());
    if (!s.logitBias().isEmpty()) {
      ObjectNode bias = body.putObject("logit_bias");
      s.logitBias().forEach(bias::put);
    }
  }

  private static void options(ObjectNode body, ResponseOptions o) {
    putIfSet(body, "n", o.n());
    if (o.stream() != null) {
      body.put("stream", o.stream());
    }
    if (o.includeUsage() != null) {
      body.putObject("stream_options").put("include_usage", o.includeUsage());
    }
    if (o.logprobs() != null) {
      body.put("logprobs", o.logprobs());
    }
    putIfSet(body, "top_logprobs", o.topLogprobs());
    putIfSet(body, "user", o.user());
  }

  static ObjectNode message(ChatMessage message) {
    ObjectNode node = JsonSupport.NODES.objectNode().put("role", message.role().wireName());
    Content content = message.content();
    if (content != null) {
      node.set("content", content(content));
    }
    switch (message) {
      case SystemMessage m -> putIfSet(node, "name", m.name());
      case DeveloperMessage m -> putIfSet(node, "name", m.name());
      case UserMessage m -> putIfSet(node, "name", m.name());
      case ToolMessage m -> node.put("tool_call_id", m.toolCallId());
      case AssistantMessage m -> {
        putIfSet(node, "name", m.name());
        putIfSet(node, "refusal", m.refusal());
        if (!m.toolCalls().isEmpty()) {
          node.set("tool_calls", toolCalls(m.toolCalls()));
        }
      }
    }
    return node;
  }

  static JsonNode content(Content content) {
    return switch (content) {
      case Content.Text text -> JsonSupport.NODES.textNode(text.text());
      case Content.Parts parts -> {
        ArrayNode array = JsonSupport.NODES.arrayNode();
        parts.parts().forEach(p -> array.add(part(p)));
        yield array;
      }
    };
  }

  private static JsonNode part(ContentPart part) {
    return switch (part) {
      case ContentPart.TextPart p -> JsonSupport.NODES.objectNode().put("type", "text").put("text", p.text());
      case ContentPart.RefusalPart p ->
          JsonSupport.NODES.objectNode().put("type", "refusal").put("refusal", p.refusal());
      case ContentPart.ImageUrlPart p -> {
        ObjectNode node = JsonSupport.NODES.objectNode().put("type", "image_url");
        ObjectNode image = node.putObject("image_url").put("url", p.url());
        putIfSet(image, "detail", p.detail());
        yield node;
      }
      case ContentPart.OtherPart p -> JsonSupport.tree(p.json(), "content part of type '" + p.type() + "'");
    };
  }

  /** {@code [{"id","type":"function","function":{"name","arguments"}}]}, as in requests and responses. */
  static ArrayNode toolCalls(List<ToolCall> calls) {
    ArrayNode array = JsonSupport.NODES.arrayNode();
    for (ToolCall call : calls) {
      ObjectNode node = array.addObject().put("id", call.id()).put("type", "function");
      node.putObject("function").put("name", call.name()).put("arguments", call.arguments());
    }
    return array;
  }

  private static ObjectNode tool(ToolDefinition definition) {
    ObjectNode tool = JsonSupport.NODES.objectNode().put("type", "function");
    ObjectNode function = tool.putObject("function").put("name", definition.name());
    putIfSet(function, "description", definition.description());
    if (definition.parameters() != null) {
      function.set("parameters", JsonSupport.tree(definition.parameters(), "parameters of " + definition.name()));
    }
    if (definition.strict() != null) {
      function.put("strict", definition.strict());
    }
    return tool;
  }

  private static ObjectNode responseFormat(ResponseFormat format) {
    ObjectNode node = JsonSupport.NODES.objectNode();
    switch (format) {
      case ResponseFormat.Text t -> node.put("type", "text");
      case ResponseFormat.JsonObject o -> node.put("type", "json_object");
      case ResponseFormat.JsonSchema s -> {
        ObjectNode spec = node.put("type", "json_schema").putObject("json_schema").put("name", s.name());
        putIfSet(spec, "description", s.description());
        if (s.schema() != null) {
          spec.set("schema", JsonSupport.tree(s.schema(), "json_schema " + s.name()));
        }
        if (s.strict() != null) {
          spec.put("strict", s.strict());
        }
      }
    }
    return node;
  }

  static void putIfSet(ObjectNode node, String name, @Nullable String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  static void putIfSet(ObjectNode node, String name, @Nullable Integer value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  static void putIfSet(ObjectNode node, String name, @Nullable Double value) {
    if (value != null) {
      node.put(name, value);
    }
  }
}
