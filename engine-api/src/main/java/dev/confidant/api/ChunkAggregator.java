package dev.confidant.api;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Folds {@code chat.completion.chunk}s into the {@code chat.completion} they stream: what a non-streaming call
 * returns. A choice's {@code logprobs} join those of its chunks ({@code content} and {@code refusal} token lists
 * concatenated, in order). Not thread-safe; one aggregator per stream.
 */
public final class ChunkAggregator {
  private @Nullable String id;
  private long created;
  private @Nullable String model;
  private @Nullable String systemFingerprint;
  private @Nullable Usage usage;
  private final TreeMap<Integer, ChoiceBuilder> choices = new TreeMap<>();

  /** Adds one chunk. */
  public void accept(ChatCompletionChunk chunk) {
    if (id == null) {
      id = chunk.id();
      created = chunk.created();
      model = chunk.model();
    }
    if (chunk.systemFingerprint() != null) {
      systemFingerprint = chunk.systemFingerprint();
    }
    if (chunk.usage() != null) {
      usage = chunk.usage();
    }
    for (ChunkChoice choice : chunk.choices()) {
      choices.computeIfAbsent(choice.index(), i -> new ChoiceBuilder()).accept(choice);
    }
  }

  /**
   * The completion built so far.
   *
   * @throws IllegalStateException if no chunk was accepted
   */
  public ChatCompletionResponse toResponse() {
    if (id == null || model == null) {
      throw new IllegalStateException("no chunk to aggregate");
    }
    List<Choice> built = new ArrayList<>();
    choices.forEach((index, b) -> built.add(b.build(index)));
    return new ChatCompletionResponse(id, created, model, built, usage, systemFingerprint, null);
  }

  /** Reads a whole stream, closes it and returns the completion. */
  public static ChatCompletionResponse collect(CompletionStream stream) {
    ChunkAggregator aggregator = new ChunkAggregator();
    try (stream) {
      for (ChatCompletionChunk chunk : stream) {
        aggregator.accept(chunk);
      }
    }
    return aggregator.toResponse();
  }

  private static final class ChoiceBuilder {
    private final StringBuilder content = new StringBuilder();
    private boolean hasContent;
    private @Nullable StringBuilder refusal;
    private @Nullable MessageContext context;
    private @Nullable FinishReason finishReason;
    private @Nullable RawJson logprobs;
    private final TreeMap<Integer, String[]> toolCalls = new TreeMap<>(); // id, name, arguments

    void accept(ChunkChoice choice) {
      Delta delta = choice.delta();
      if (delta.content() != null) {
        content.append(delta.content());
        hasContent |= !delta.content().isEmpty();
      }
      if (delta.refusal() != null) {
        (refusal == null ? refusal = new StringBuilder() : refusal).append(delta.refusal());
      }
      if (delta.context() != null) {
        context = delta.context();
      }
      for (Delta.ToolCallDelta t : delta.toolCalls()) {
        String[] call = toolCalls.computeIfAbsent(t.index(), i -> new String[] {"", "", ""});
        if (t.id() != null) {
          call[0] = t.id();
        }
        if (t.name() != null) {
          call[1] = call[1] + t.name();
        }
        if (t.arguments() != null) {
          call[2] = call[2] + t.arguments();
        }
      }
      if (choice.finishReason() != null) {
        finishReason = choice.finishReason();
      }
      if (choice.logprobs() != null) {
        logprobs = LogprobsMerger.merge(logprobs, choice.logprobs());
      }
    }

    Choice build(int index) {
      List<ToolCall> calls = toolCalls.values().stream().map(c -> new ToolCall(c[0], c[1], c[2])).toList();
      Content text = hasContent || calls.isEmpty() ? Content.of(content.toString()) : null;
      AssistantMessage message = new AssistantMessage(
          text, null, refusal == null ? null : refusal.toString(), calls, context);
      return new Choice(index, message, finishReason, logprobs);
    }
  }
}
