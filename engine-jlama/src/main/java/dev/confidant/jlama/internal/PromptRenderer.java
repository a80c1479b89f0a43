package dev.confidant.jlama.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tjake.jlama.safetensors.prompt.Function;
import com.github.tjake.jlama.safetensors.prompt.PromptSupport;
import com.github.tjake.jlama.safetensors.prompt.Tool;
import com.github.tjake.jlama.safetensors.prompt.ToolResult;
import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.DeveloperMessage;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.ToolCall;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.UserMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a conversation into the prompt text the model continues. With a chat template in
 * {@code tokenizer_config.json}, Jlama renders it (jinjava, with the generation prompt added and the BOS token
 * left to the tokenizer step), tools, tool calls and tool results included, so each model family gets its own
 * tool format. Without one, the fallback is the plain "{@code Role: text}" transcript ending in
 * "{@code Assistant:}", with the tools described in a first {@code Tools:} block that asks for Hermes-style
 * {@code <tool_call>} calls; a lone user message without tools is sent as it is, so base (non-chat) models simply
 * continue the text. Developer messages count as system messages. Stateless.
 */
final class PromptRenderer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PromptRenderer() {}

  /** The prompt for the messages without tools. */
  static String render(Optional<PromptSupport> template, List<ChatMessage> messages) {
    return render(template, messages, List.of());
  }

  /** The prompt for the messages, offering these tools (none: empty). */
  static String render(Optional<PromptSupport> template, List<ChatMessage> messages, List<ToolDefinition> tools) {
    return template.map(t -> withTemplate(t, messages, tools)).orElseGet(() -> fallback(messages, tools));
  }

  private static String withTemplate(PromptSupport template, List<ChatMessage> messages, List<ToolDefinition> tools) {
    List<Tool> jlamaTools = new ArrayList<>();
    for (ToolDefinition tool : tools) {
      jlamaTools.add(Tool.from(function(tool)));
    }
    String probe = tools.isEmpty() ? "" : template.builder().addUserMessage("?").build(jlamaTools).getPrompt();
    if (!tools.isEmpty() && tools.stream().noneMatch(t -> probe.contains(t.name()))) {
      // The template ignores tools (Jlama warns): describe them in a system message, in the fallback's words.
      List<ChatMessage> described = new ArrayList<>();
      described.add(new SystemMessage(toolsBlock(tools).strip()));
      described.addAll(messages);
      return withMessages(template, described, CallStyle.HERMES, List.of());
    }
    return withMessages(template, messages, CallStyle.of(probe), jlamaTools);
  }

  private static String withMessages(PromptSupport template, List<ChatMessage> messages, CallStyle style,
      List<Tool> tools) {
    PromptSupport.Builder builder = template.builder();
    Map<String, String> callNames = new HashMap<>();
    for (ChatMessage message : messages) {
      switch (message) {
        case SystemMessage m -> builder.addSystemMessage(m.text());
        case DeveloperMessage m -> builder.addSystemMessage(m.text());
        case UserMessage m -> builder.addUserMessage(m.text());
        case AssistantMessage m when !m.toolCalls().isEmpty() -> {
          // Jlama 0.8.4 gives earlier calls a role of its own ("tool_call") that standard templates skip: they go
          // in as assistant text, in the call format the template teaches.
          m.toolCalls().forEach(call -> callNames.put(call.id(), call.name()));
          builder.addAssistantMessage(m.text() + style.format(m.toolCalls()));
        }
        case AssistantMessage m -> builder.addAssistantMessage(m.text());
        case ToolMessage m -> builder.addToolResult(
            ToolResult.from(callNames.getOrDefault(m.toolCallId(), ""), m.toolCallId(), m.text()));
      }
    }
    return (tools.isEmpty() ? builder.build() : builder.build(tools)).getPrompt();
  }

  private static Function function(ToolDefinition tool) {
    Function.Builder function = Function.builder().name(tool.name())
        .description(tool.description() == null ? "" : tool.description());
    JsonNode schema = tool.parameters() == null ? null : ToolCallParser.read(tool.parameters().json());
    if (schema != null) {
      Set<String> required = new HashSet<>();
      schema.path("required").forEach(n -> required.add(n.asText()));
      for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> property = it.next();
        Map<String, Object> propertySchema = JSON.convertValue(property.getValue(), new TypeReference<>() {});
        function.addParameter(property.getKey(), propertySchema, required.contains(property.getKey()));
      }
    }
    return function.build();
  }

  /** How the model writes a call, as its template shows with tools: Hermes tags, Mistral's marker, or bare JSON. */
  private enum CallStyle {
    HERMES, MISTRAL, JSON;

    /** The style a prompt rendered with tools teaches (bare JSON when it shows none). */
    static CallStyle of(String probe) {
      return probe.contains(ToolCallParser.HERMES_OPEN) ? HERMES
          : probe.contains(ToolCallParser.MISTRAL) ? MISTRAL : JSON;
    }

    String format(List<ToolCall> calls) {
      List<String> objects = calls.stream().map(c -> "{\"name\": " + quote(c.name()) + ", \""
          + (this == JSON ? "parameters" : "arguments") + "\": " + arguments(c.arguments()) + "}").toList();
      return switch (this) {
        case HERMES -> objects.stream().map(o -> "<tool_call>\n" + o + "\n</tool_call>")
            .reduce("", String::concat);
        case MISTRAL -> ToolCallParser.MISTRAL + " [" + String.join(", ", objects) + "]";
        case JSON -> String.join("; ", objects);
      };
    }
  }

  /** The arguments as compact JSON ({@code {}} when they are not a JSON object). */
  private static String arguments(String json) {
    JsonNode node = ToolCallParser.read(json);
    return node == null || !node.isObject() ? "{}" : node.toString();
  }

  /** The tools and how to call them, for models whose template cannot render tools; empty without tools. */
  private static String toolsBlock(List<ToolDefinition> tools) {
    if (tools.isEmpty()) {
      return "";
    }
    StringBuilder block = new StringBuilder("Tools: to call a function, answer with <tool_call>{\"name\": ..., "
        + "\"arguments\": {...}}</tool_call> for each call. Functions:\n");
    for (ToolDefinition tool : tools) {
      block.append("{\"name\": ").append(quote(tool.name()))
          .append(", \"description\": ").append(quote(tool.description() == null ? "" : tool.description()))
          .append(", \"parameters\": ").append(tool.parameters() == null ? "{}" : tool.parameters().json())
          .append("}\n");
    }
    return block.toString();
  }

  private static String quote(String text) {
    return JSON.getNodeFactory().textNode(text).toString();
  }

  private static String fallback(List<ChatMessage> messages, List<ToolDefinition> tools) {
    if (tools.isEmpty() && messages.size() == 1 && messages.get(0) instanceof UserMessage only) {
      return only.text();
    }
    StringBuilder prompt = new StringBuilder(toolsBlock(tools));
    for (ChatMessage message : messages) {
      String role = switch (message) {
        case SystemMessage m -> "System";
        case DeveloperMessage m -> "System";
        case UserMessage m -> "User";
        case AssistantMessage m -> "Assistant";
        case ToolMessage m -> "Tool";
      };
      prompt.append(role).append(": ").append(message.text());
      if (message instanceof AssistantMessage a) {
        for (ToolCall call : a.toolCalls()) {
          prompt.append("<tool_call>{\"name\": ").append(quote(call.name())).append(", \"arguments\": ")
              .append(call.arguments().isBlank() ? "{}" : call.arguments()).append("}</tool_call>");
        }
      }
      prompt.append('\n');
    }
    return prompt.append("Assistant:").toString();
  }
}
