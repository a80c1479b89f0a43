package dev.confidant.pii.internal.token;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.Content;
import dev.confidant.api.ContentPart;
import dev.confidant.api.DeveloperMessage;
import dev.confidant.api.MessageContext;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.ToolCall;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.mapping.Mapping;
import dev.confidant.pii.internal.recognize.Analyzer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Replaces recognized values with placeholders: in plain text, and in every part of a request the model sees
 * (all messages' text, assistant tool-call arguments, tool results, retrieval citations). Values get their
 * placeholders from the conversation's {@link Mapping}. Thread-safe (the analyzer is; the mapping
 * synchronizes).
 */
public final class Pseudonymizer {
  private final Analyzer analyzer;

  public Pseudonymizer(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /**
   * A masked text and the entities masked in it.
   *
   * @param text the text with placeholders
   * @param entities what was replaced, with offsets into the original text
   */
  public record Masked(String text, List<PiiEntity> entities) {
    @Override
    public String toString() {
      return "Masked[" + entities.size() + " entities]";
    }
  }

  /** Masks one text. */
  public Masked mask(String text, Mapping mapping, boolean includeOii) {
    List<PiiEntity> entities = analyzer.analyze(text, includeOii, mapping);
    if (entities.isEmpty()) {
      return new Masked(text, List.of());
    }
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (PiiEntity e : entities) {
      out.append(text, at, e.start()).append(mapping.placeholderFor(e.type(), e.value()));
      at = e.end();
    }
    out.append(text, at, text.length());
    return new Masked(out.toString(), entities);
  }

  /** Masks every message of a request. */
  public ChatCompletionRequest mask(ChatCompletionRequest request, Mapping mapping, boolean includeOii) {
    List<ChatMessage> messages = new ArrayList<>(request.messages().size());
    for (ChatMessage m : request.messages()) {
      messages.add(mask(m, mapping, includeOii));
    }
    return request.withMessages(messages);
  }

  private ChatMessage mask(ChatMessage message, Mapping mapping, boolean oii) {
    return switch (message) {
      case SystemMessage m -> m.withContent(mask(m.content(), mapping, oii));
      case DeveloperMessage m -> m.withContent(mask(m.content(), mapping, oii));
      case UserMessage m -> m.withContent(mask(m.content(), mapping, oii));
      case ToolMessage m -> m.withContent(mask(m.content(), mapping, oii));
      case AssistantMessage m -> {
        List<ToolCall> calls = new ArrayList<>(m.toolCalls().size());
        for (ToolCall call : m.toolCalls()) {
          calls.add(call.withArguments(mask(call.arguments(), mapping, oii).text()));
        }
        AssistantMessage masked = m.withContent(maskNullable(m.content(), mapping, oii)).withToolCalls(calls);
        MessageContext context = m.context();
        if (context != null) {
          List<MessageContext.Citation> citations = new ArrayList<>();
          for (MessageContext.Citation c : context.citations()) {
            citations.add(new MessageContext.Citation(mask(c.content(), mapping, oii).text(), c.title(),
                c.sourceId(), c.chunkId(), c.score()));
          }
          masked = masked.withContext(new MessageContext(citations));
        }
        yield masked;
      }
    };
  }

  private @Nullable Content maskNullable(@Nullable Content content, Mapping mapping, boolean oii) {
    return content == null ? null : mask(content, mapping, oii);
  }

  private Content mask(Content content, Mapping mapping, boolean oii) {
    return switch (content) {
      case Content.Text t -> Content.of(mask(t.text(), mapping, oii).text());
      case Content.Parts p -> {
        List<ContentPart> parts = new ArrayList<>(p.parts().size());
        for (ContentPart part : p.parts()) {
          parts.add(part instanceof ContentPart.TextPart t
              ? new ContentPart.TextPart(mask(t.text(), mapping, oii).text()) : part);
        }
        yield new Content.Parts(parts);
      }
    };
  }
}
