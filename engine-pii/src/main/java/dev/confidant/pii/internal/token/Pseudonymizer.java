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
  private final @Nullable DetectionCache cache;

  public Pseudonymizer(Analyzer analyzer) {
    this(analyzer, null);
  }

  /**
   * A pseudonymizer that reuses the recognizers' results for texts it has masked before in the same scope.
   *
   * @param cache where those results are kept, or {@code null} to detect every text anew
   */
  public Pseudonymizer(Analyzer analyzer, @Nullable DetectionCache cache) {
    this.analyzer = analyzer;
    this.cache = cache;
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
    return mask(text, mapping, includeOii, null);
  }

  /**
   * Masks one text, reusing what the recognizers found in it before in {@code scope} (the detection cache's key
   * besides the text; {@code null}: detect anew).
   */
  private Masked mask(String text, Mapping mapping, boolean includeOii, @Nullable String scope) {
    if (text.isEmpty()) {
      return new Masked(text, List.of());
    }
    List<PiiEntity> entities = cache != null && scope != null
        ? Analyzer.withoutOii(cache.analyze(scope, text, mapping), includeOii)
        : analyzer.analyze(text, includeOii, mapping);
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
    return mask(request, mapping, includeOii, null);
  }

  /**
   * Masks every message of a request, reusing the recognizers' results for texts masked before in {@code scope}:
   * a conversation's history costs a hash and a lookup per message, not detection.
   *
   * @param scope whose conversation it is (e.g. space and principal), or {@code null} to detect every text anew
   */
  public ChatCompletionRequest mask(ChatCompletionRequest request, Mapping mapping, boolean includeOii,
      @Nullable String scope) {
    List<ChatMessage> messages = new ArrayList<>(request.messages().size());
    for (ChatMessage m : request.messages()) {
      messages.add(mask(m, mapping, includeOii, scope));
    }
    return request.withMessages(messages);
  }

  private ChatMessage mask(ChatMessage message, Mapping mapping, boolean oii, @Nullable String scope) {
    return switch (message) {
      case SystemMessage m -> m.withContent(mask(m.content(), mapping, oii, scope));
      case DeveloperMessage m -> m.withContent(mask(m.content(), mapping, oii, scope));
      case UserMessage m -> m.withContent(mask(m.content(), mapping, oii, scope));
      case ToolMessage m -> m.withContent(mask(m.content(), mapping, oii, scope));
      case AssistantMessage m -> {
        List<ToolCall> calls = new ArrayList<>(m.toolCalls().size());
        for (ToolCall call : m.toolCalls()) {
          calls.add(call.withArguments(mask(call.arguments(), mapping, oii, scope).text()));
        }
        AssistantMessage masked = m.withContent(maskNullable(m.content(), mapping, oii, scope))
            .withToolCalls(calls);
        MessageContext context = m.context();
        if (context != null) {
          List<MessageContext.Citation> citations = new ArrayList<>();
          for (MessageContext.Citation c : context.citations()) {
            citations.add(new MessageContext.Citation(mask(c.content(), mapping, oii, scope).text(), c.title(),
                c.sourceId(), c.chunkId(), c.score()));
          }
          masked = masked.withContext(new MessageContext(citations));
        }
        yield masked;
      }
    };
  }

  private @Nullable Content maskNullable(@Nullable Content content, Mapping mapping, boolean oii,
      @Nullable String scope) {
    return content == null ? null : mask(content, mapping, oii, scope);
  }

  private Content mask(Content content, Mapping mapping, boolean oii, @Nullable String scope) {
    return switch (content) {
      case Content.Text t -> Content.of(mask(t.text(), mapping, oii, scope).text());
      case Content.Parts p -> {
        List<ContentPart> parts = new ArrayList<>(p.parts().size());
        for (ContentPart part : p.parts()) {
          parts.add(part instanceof ContentPart.TextPart t
              ? new ContentPart.TextPart(mask(t.text(), mapping, oii, scope).text()) : part);
        }
        yield new Content.Parts(parts);
      }
    };
  }
}
