package dev.confidant.core.internal.backend.jlama;

import com.github.tjake.jlama.safetensors.prompt.PromptSupport;
import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.DeveloperMessage;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.UserMessage;
import java.util.List;
import java.util.Optional;

/**
 * Renders a conversation into the prompt text the model continues. With a chat template in
 * {@code tokenizer_config.json}, Jlama renders it (jinjava, with the generation prompt added and the BOS token
 * left to the tokenizer step). Without one, the fallback is the plain "{@code Role: text}" transcript ending in
 * "{@code Assistant:}", except that a lone user message is sent as it is, so base (non-chat) models simply continue
 * the text. Developer messages count as system messages. Stateless.
 */
final class PromptRenderer {

  private PromptRenderer() {}

  /** The prompt for the messages; {@link RequestChecks} has rejected tool messages and empty conversations. */
  static String render(Optional<PromptSupport> template, List<ChatMessage> messages) {
    return template.map(t -> withTemplate(t, messages)).orElseGet(() -> fallback(messages));
  }

  private static String withTemplate(PromptSupport template, List<ChatMessage> messages) {
    PromptSupport.Builder builder = template.builder();
    for (ChatMessage message : messages) {
      switch (message) {
        case SystemMessage m -> builder.addSystemMessage(m.text());
        case DeveloperMessage m -> builder.addSystemMessage(m.text());
        case UserMessage m -> builder.addUserMessage(m.text());
        case AssistantMessage m -> builder.addAssistantMessage(m.text());
        case ToolMessage m -> throw new IllegalStateException("tool messages are rejected before rendering");
      }
    }
    return builder.build().getPrompt();
  }

  private static String fallback(List<ChatMessage> messages) {
    if (messages.size() == 1 && messages.get(0) instanceof UserMessage only) {
      return only.text();
    }
    StringBuilder prompt = new StringBuilder();
    for (ChatMessage message : messages) {
      String role = switch (message) {
        case SystemMessage m -> "System";
        case DeveloperMessage m -> "System";
        case UserMessage m -> "User";
        case AssistantMessage m -> "Assistant";
        case ToolMessage m -> "Tool";
      };
      prompt.append(role).append(": ").append(message.text()).append('\n');
    }
    return prompt.append("Assistant:").toString();
  }
}
