package dev.confidant.langchain4j.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.Content;
import dev.confidant.api.ContentPart;
import dev.confidant.api.RawJson;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.Sampling;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.ToolCall;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.Tools;
import dev.confidant.api.UserMessage;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.internal.JsonSchemaElementJsonUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps a LangChain4j {@link ChatRequest} to the engine's {@link ChatCompletionRequest}: messages (text and image
 * parts, tool calls and results), sampling, tools with their JSON schemas, tool choice and response format. What
 * the engine has no field for ({@code top_k}, audio, video, PDF and custom messages) is a LangChain4j
 * {@link UnsupportedFeatureException}, never dropped. Stateless and thread-safe.
 */
public final class EngineRequests {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What the engine sends for a tool without parameters: an object without properties. */
  private static final RawJson NO_PARAMETERS = RawJson.of("{\"type\":\"object\",\"properties\":{}}");
  /** A LangChain4j response always carries the token usage: ask for it in streams too. */
  private static final ResponseOptions WITH_USAGE = new ResponseOptions(null, null, true, null, null, null);

  private EngineRequests() {}

  /**
   * The engine's request.
   *
   * @param defaultModel the model id when the request names none
   * @throws UnsupportedFeatureException for a field or content the engine cannot take
   */
  public static ChatCompletionRequest of(ChatRequest request, @Nullable String defaultModel) {
    ChatRequestParameters p = request.parameters();
    if (p.topK() != null) {
      throw new UnsupportedFeatureException("Confidant has no top_k; use top_p (topP)");
    }
    List<ChatMessage> messages = new ArrayList<>();
    for (dev.langchain4j.data.message.ChatMessage m : request.messages()) {
      messages.add(message(m));
    }
    Sampling sampling = new Sampling(p.temperature(), p.topP(), p.maxOutputTokens(), null,
        p.stopSequences() == null ? List.of() : p.stopSequences(), null, p.frequencyPenalty(), p.presencePenalty(),
        Map.of());
    List<ToolDefinition> tools = new ArrayList<>();
    if (p.toolSpecifications() != null) {
      p.toolSpecifications().forEach(spec -> tools.add(tool(spec)));
    }
    ToolChoice choice = p.toolChoice() == null ? null : switch (p.toolChoice()) {
      case AUTO -> ToolChoice.Mode.AUTO;
      case REQUIRED -> ToolChoice.Mode.REQUIRED;
      case NONE -> ToolChoice.Mode.NONE;
    };
    String model = p.modelName() != null ? p.modelName() : defaultModel;
    return new ChatCompletionRequest(model, messages, sampling, new Tools(tools, tools.isEmpty() ? null : choice, null),
        responseFormat(p.responseFormat()), WITH_USAGE);
  }

  private static ChatMessage message(dev.langchain4j.data.message.ChatMessage message) {
    return switch (message) {
      case dev.langchain4j.data.message.SystemMessage s -> new SystemMessage(s.text());
      case dev.langchain4j.data.message.UserMessage u -> user(u);
      case AiMessage a -> {
        List<ToolCall> calls = new ArrayList<>();
        for (ToolExecutionRequest r : a.toolExecutionRequests()) {
          calls.add(new ToolCall(r.id(), r.name(), r.arguments() == null ? "{}" : r.arguments()));
        }
        yield new AssistantMessage(a.text() == null ? null : Content.of(a.text()), null, null, calls, null);
      }
      case ToolExecutionResultMessage t -> new ToolMessage(t.text(), t.id());
      default -> throw new UnsupportedFeatureException("Confidant cannot take a message of type " + message.type());
    };
  }

  private static UserMessage user(dev.langchain4j.data.message.UserMessage u) {
    if (u.hasSingleText()) {
      return new UserMessage(Content.of(u.singleText()), u.name());
    }
    List<ContentPart> parts = new ArrayList<>();
    for (dev.langchain4j.data.message.Content content : u.contents()) {
      switch (content) {
        case TextContent t -> parts.add(new ContentPart.TextPart(t.text()));
        case ImageContent i -> parts.add(new ContentPart.ImageUrlPart(url(i.image()),
            i.detailLevel() == null ? null : i.detailLevel().name().toLowerCase(Locale.ROOT)));
        default -> throw new UnsupportedFeatureException("Confidant takes text and images in a user message, not "
            + content.type());
      }
    }
    return new UserMessage(new Content.Parts(parts), u.name());
  }

  private static String url(Image image) {
    if (image.url() != null) {
      return image.url().toString();
    }
    return "data:" + (image.mimeType() == null ? "image/png" : image.mimeType()) + ";base64," + image.base64Data();
  }

  private static ToolDefinition tool(ToolSpecification spec) {
    RawJson parameters = spec.parameters() == null ? NO_PARAMETERS : schema(spec.parameters());
    return new ToolDefinition(spec.name(), spec.description(), parameters, null);
  }

  private static @Nullable ResponseFormat responseFormat(
      dev.langchain4j.model.chat.request.@Nullable ResponseFormat format) {
    if (format == null || format.type() == ResponseFormatType.TEXT) {
      return null;
    }
    if (format.jsonSchema() == null) {
      return new ResponseFormat.JsonObject();
    }
    return new ResponseFormat.JsonSchema(format.jsonSchema().name(), null,
        schema(format.jsonSchema().rootElement()), null);
  }

  /** A LangChain4j schema as JSON, written the way LangChain4j's own provider codecs write it. */
  private static RawJson schema(JsonSchemaElement element) {
    try {
      return RawJson.of(JSON.writeValueAsString(JsonSchemaElementJsonUtils.toMap(element)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a LangChain4j schema that Jackson cannot write", e);
    }
  }
}
