package dev.confidant.core.json;

import static dev.confidant.core.json.RequestWriter.putIfSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.Choice;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.Delta;
import dev.confidant.api.FinishReason;
import dev.confidant.api.MessageContext;
import dev.confidant.api.RawJson;
import dev.confidant.api.Usage;
import dev.confidant.api.Violation;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code chat.completion}, {@code chat.completion.chunk} and FastAPI's {@code {"detail":[...]}} exactly
 * as OpenAI and FastAPI write them, including the fields they always write as {@code null} ({@code refusal},
 * {@code logprobs}, {@code finish_reason}). Stateless, thread-safe.
 */
final class ResponseWriter {
  private ResponseWriter() {}

  static ObjectNode response(ChatCompletionResponse response) {
    ObjectNode node = JsonSupport.NODES.objectNode()
        .put("id", response.id())
        .put("object", "chat.completion")
        .put("created", response.created())
        .put("model", response.model());
    ArrayNode choices = node.putArray("choices");
    for (Choice choice : response.choices()) {
      ObjectNode c = choices.addObject().put("index", choice.index());
      c.set("message", message(choice.message()));
      c.set("logprobs", raw(choice.logprobs(), "logprobs of choice " + choice.index()));
      c.put("finish_reason", wireName(choice.finishReason()));
    }
    if (response.usage() != null) {
      node.set("usage", usage(response.usage()));
    }
    putIfSet(node, "service_tier", response.serviceTier());
    node.put("system_fingerprint", response.systemFingerprint());
    return node;
  }

  /**
   * A response message. {@code annotations} (web-search URL citations) is not written: the API does not model
   * it, and an empty list would claim there were none. Confidant's own citations go to {@code context}.
   */
  private static ObjectNode message(AssistantMessage message) {
    ObjectNode node = JsonSupport.NODES.objectNode().put("role", "assistant");
    // A response's content is a string (or null when the model only called tools), never a part array.
    node.put("content", message.content() == null ? null : message.content().text());
    node.put("refusal", message.refusal());
    putIfSet(node, "name", message.name());
    if (!message.toolCalls().isEmpty()) {
      node.set("tool_calls", RequestWriter.toolCalls(message.toolCalls()));
    }
    if (message.context() != null) {
      node.set("context", context(message.context()));
    }
    return node;
  }

  static ObjectNode chunk(ChatCompletionChunk chunk) {
    return chunk(chunk, false);
  }

  /** @param usageField write {@code "usage": null} on chunks without usage ({@code include_usage} streams) */
  static ObjectNode chunk(ChatCompletionChunk chunk, boolean usageField) {
    ObjectNode node = JsonSupport.NODES.objectNode()
        .put("id", chunk.id())
        .put("object", "chat.completion.chunk")
        .put("created", chunk.created())
        .put("model", chunk.model());
    putIfSet(node, "system_fingerprint", chunk.systemFingerprint());
    ArrayNode choices = node.putArray("choices");
    for (ChunkChoice choice : chunk.choices()) {
      ObjectNode c = choices.addObject().put("index", choice.index());
      c.set("delta", delta(choice.delta()));
      c.set("logprobs", raw(choice.logprobs(), "logprobs of choice " + choice.index()));
      c.put("finish_reason", wireName(choice.finishReason()));
    }
    if (chunk.usage() != null) {
      node.set("usage", usage(chunk.usage()));
    } else if (usageField) {
      node.putNull("usage");
    }
    return node;
  }

  /** Only what this chunk adds: {@code {}} for the finishing chunk, the role only in the first. */
  private static ObjectNode delta(Delta delta) {
    ObjectNode node = JsonSupport.NODES.objectNode();
    if (delta.role() != null) {
      node.put("role", delta.role().wireName());
    }
    putIfSet(node, "content", delta.content());
    putIfSet(node, "refusal", delta.refusal());
    if (!delta.toolCalls().isEmpty()) {
      ArrayNode calls = node.putArray("tool_calls");
      for (Delta.ToolCallDelta call : delta.toolCalls()) {
        ObjectNode c = calls.addObject().put("index", call.index());
        putIfSet(c, "id", call.id());
        // OpenAI sends the type with the first fragment (the one with id and name) only.
        if (call.id() != null || call.name() != null) {
          c.put("type", "function");
        }
        if (call.name() != null || call.arguments() != null) {
          ObjectNode function = c.putObject("function");
          putIfSet(function, "name", call.name());
          putIfSet(function, "arguments", call.arguments());
        }
      }
    }
    if (delta.context() != null) {
      node.set("context", context(delta.context()));
    }
    return node;
  }

  private static ObjectNode usage(Usage usage) {
    ObjectNode node = JsonSupport.NODES.objectNode()
        .put("prompt_tokens", usage.promptTokens())
        .put("completion_tokens", usage.completionTokens())
        .put("total_tokens", usage.totalTokens());
    if (usage.promptTokensDetails() != null) {
      node.set("prompt_tokens_details", raw(usage.promptTokensDetails(), "prompt_tokens_details"));
    }
    if (usage.completionTokensDetails() != null) {
      node.set("completion_tokens_details", raw(usage.completionTokensDetails(), "completion_tokens_details"));
    }
    return node;
  }

  /** Azure OpenAI's "on your data" shape: {@code {"citations":[{"content","title",...}]}}. */
  private static ObjectNode context(MessageContext context) {
    ObjectNode node = JsonSupport.NODES.objectNode();
    ArrayNode citations = node.putArray("citations");
    for (MessageContext.Citation c : context.citations()) {
      citations.addObject()
          .put("content", c.content())
          .put("title", c.title())
          .put("source_id", c.sourceId())
          .put("chunk_id", c.chunkId())
          .put("score", c.score());
    }
    return node;
  }

  /** FastAPI's 422 body: {@code {"detail":[{"loc":[...],"msg":...,"type":...,"input":...}]}}. */
  static ObjectNode validationError(Iterable<Violation> violations) {
    ObjectNode node = JsonSupport.NODES.objectNode();
    ArrayNode detail = node.putArray("detail");
    for (Violation v : violations) {
      ObjectNode entry = detail.addObject();
      ArrayNode loc = entry.putArray("loc");
      for (Object part : v.loc()) {
        if (part instanceof Integer index) {
          loc.add(index);
        } else {
          loc.add((String) part);
        }
      }
      entry.put("msg", v.msg()).put("type", v.type());
      if (v.input() != null) {
        entry.set("input", raw(v.input(), "input of " + v.path()));
      }
    }
    return node;
  }

  private static @Nullable String wireName(@Nullable FinishReason reason) {
    return reason == null ? null : reason.wireName();
  }

  private static JsonNode raw(@Nullable RawJson raw, String what) {
    return raw == null ? JsonSupport.NODES.nullNode() : JsonSupport.tree(raw, what);
  }
}
