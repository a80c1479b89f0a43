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
import dev.confidant.pii.PiiAudit;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.mapping.Mapping;
import dev.confidant.pii.internal.recognize.Analyzer;
import dev.confidant.pii.internal.recognize.AuditRecorder;
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
    if (text.isEmpty()) {
      return new Masked(text, List.of());
    }
    return mask(text, mapping, includeOii, analyzer.analyze(text, true, mapping), null, null);
  }

  /**
   * Masks one text, reusing what the recognizers found in it before in {@code scope} (the detection cache's
   * lookups of a scope; {@code null}: detect anew), and the placeholders it was masked with while the mapping's values
   * are the same.
   */
  private String maskText(String text, Mapping mapping, boolean includeOii, DetectionCache.@Nullable Scope scope,
      @Nullable AuditRecorder audit) {
    if (text.isEmpty()) {
      return text;
    }
    if (scope == null) {
      return mask(text, mapping, includeOii, analyzer.analyze(text, true, mapping), audit, null).text();
    }
    DetectionCache.Lookup lookup = scope.lookup(text);
    String replayed = lookup.replay(mapping, includeOii, audit);
    if (replayed != null) {
      return replayed;
    }
    List<PiiEntity> resolved = lookup.analyze(mapping);
    String[] placeholders = new String[resolved.size()];
    String masked = mask(text, mapping, includeOii, resolved, audit, placeholders).text();
    lookup.masked(mapping, includeOii, placeholders);
    return masked;
  }

  /**
   * Masks the entities of {@code resolved} (all the analyzer gives, organisations included) that
   * {@code includeOii} asks for.
   *
   * @param placeholders if not {@code null}, receives per entity of {@code resolved} its placeholder ({@code null}
   *     for one left unmasked)
   */
  private Masked mask(String text, Mapping mapping, boolean includeOii, List<PiiEntity> resolved,
      @Nullable AuditRecorder audit, @Nullable String[] placeholders) {
    if (audit != null) {
      audit(text, resolved, includeOii, audit);
    }
    List<PiiEntity> entities = new ArrayList<>(resolved.size());
    StringBuilder out = null;
    int at = 0;
    for (int i = 0; i < resolved.size(); i++) {
      PiiEntity e = resolved.get(i);
      if (!includeOii && e.type().organisational()) {
        continue;
      }
      String placeholder = mapping.placeholderFor(e.type(), e.value());
      if (audit != null) {
        audit.masked(e, placeholder, mapping.created(placeholder) ? PiiAudit.Origin.CREATED : PiiAudit.Origin.REUSED);
      }
      if (placeholders != null) {
        placeholders[i] = placeholder;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16 * resolved.size());
      }
      out.append(text, at, e.start()).append(placeholder);
      at = e.end();
      entities.add(e);
    }
    if (out == null) {
      return new Masked(text, List.of());
    }
    out.append(text, at, text.length());
    return new Masked(out.toString(), List.copyOf(entities));
  }

  /** Reports what stays unmasked: organisations while OII is off, and, if asked, values below the threshold. */
  private void audit(String text, List<PiiEntity> resolved, boolean includeOii, AuditRecorder audit) {
    if (!includeOii) {
      for (PiiEntity e : resolved) {
        if (e.type().organisational()) {
          audit.left(e, PiiAudit.Decision.LEFT_OII_OFF);
        }
      }
    }
    if (audit.belowThreshold()) {
      for (PiiEntity e : analyzer.belowThreshold(text, resolved)) {
        audit.left(e, PiiAudit.Decision.LEFT_BELOW_THRESHOLD);
      }
    }
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
    return mask(request, mapping, includeOii, scope, null);
  }

  /**
   * Masks every message of a request as {@link #mask(ChatCompletionRequest, Mapping, boolean, String)} does,
   * reporting every decision to {@code audit} if it is not {@code null}.
   */
  public ChatCompletionRequest mask(ChatCompletionRequest request, Mapping mapping, boolean includeOii,
      @Nullable String scope, @Nullable AuditRecorder audit) {
    Pass pass = new Pass(mapping, includeOii, scope, audit);
    List<ChatMessage> messages = new ArrayList<>(request.messages().size());
    for (ChatMessage m : request.messages()) {
      messages.add(pass.mask(m));
    }
    return request.withMessages(messages);
  }

  /** One request's masking: mapping, OII switch, cache scope and audit, so that the helpers take one argument. */
  private final class Pass {
    private final Mapping mapping;
    private final boolean oii;
    private final DetectionCache.@Nullable Scope scope;
    private final @Nullable AuditRecorder audit;

    Pass(Mapping mapping, boolean oii, @Nullable String scope, @Nullable AuditRecorder audit) {
      this.mapping = mapping;
      this.oii = oii;
      this.scope = cache == null || scope == null ? null : cache.scope(scope); // the scope hashed once per pass
      this.audit = audit;
    }

    private String text(String text) {
      return maskText(text, mapping, oii, scope, audit);
    }

    ChatMessage mask(ChatMessage message) {
      return switch (message) {
        case SystemMessage m -> m.withContent(content(m.content()));
        case DeveloperMessage m -> m.withContent(content(m.content()));
        case UserMessage m -> m.withContent(content(m.content()));
        case ToolMessage m -> m.withContent(content(m.content()));
        case AssistantMessage m -> {
          List<ToolCall> calls = new ArrayList<>(m.toolCalls().size());
          for (ToolCall call : m.toolCalls()) {
            calls.add(call.withArguments(text(call.arguments())));
          }
          Content content = m.content();
          AssistantMessage masked = m.withContent(content == null ? null : content(content)).withToolCalls(calls);
          MessageContext context = m.context();
          if (context != null) {
            List<MessageContext.Citation> citations = new ArrayList<>();
            for (MessageContext.Citation c : context.citations()) {
              citations.add(new MessageContext.Citation(text(c.content()), c.title(), c.sourceId(), c.chunkId(),
                  c.score()));
            }
            masked = masked.withContext(new MessageContext(citations));
          }
          yield masked;
        }
      };
    }

    private Content content(Content content) {
      return switch (content) {
        case Content.Text t -> Content.of(text(t.text()));
        case Content.Parts p -> {
          List<ContentPart> parts = new ArrayList<>(p.parts().size());
          for (ContentPart part : p.parts()) {
            parts.add(part instanceof ContentPart.TextPart t ? new ContentPart.TextPart(text(t.text())) : part);
          }
          yield new Content.Parts(parts);
        }
      };
    }
  }
}
