package dev.confidant.core.internal.format;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.Choice;
import dev.confidant.api.ChunkAggregator;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ErrorType;
import dev.confidant.api.FinishReason;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.Usage;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.PipelineStage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The stream of a request with a JSON {@code response_format}: buffers each attempt, validates the final content
 * and either releases the attempt's chunks or, while repairs are left, asks the model again with its reply and the
 * problems; when none are left it fails with {@link ErrorType#MODEL_OUTPUT_INVALID}. The usage chunk of the
 * released attempt counts the tokens of every attempt.
 *
 * <p>One thread pulls; {@link #close()} may come from any thread and closes the model stream under way.
 */
final class ValidatingStream implements CompletionStream {
  /** Problems quoted in the repair message and in the error: enough to act on, short enough to read. */
  private static final int MAX_PROBLEMS = 8;

  private final PipelineStage.Chain chain;
  private final OutputCheck check;
  private final int maxRepairs;
  private final List<ChatMessage> history;
  private volatile @Nullable CompletionStream upstream;
  private volatile boolean closed;
  private @Nullable Iterator<ChatCompletionChunk> released;

  ValidatingStream(PipelineStage.Chain chain, OutputCheck check, int maxRepairs) {
    this.chain = chain;
    this.check = check;
    this.maxRepairs = maxRepairs;
    this.history = new ArrayList<>(chain.request().messages());
    // The first attempt starts at once, as for any stage: backends reject bad requests before the first chunk.
    this.upstream = chain.proceed(chain.request());
  }

  @Override
  public @Nullable ChatCompletionChunk next() {
    if (closed) {
      return null;
    }
    if (released == null) {
      released = attempts().iterator();
    }
    return !closed && released.hasNext() ? released.next() : null;
  }

  @Override
  public void close() {
    closed = true;
    CompletionStream current = upstream;
    if (current != null) {
      current.close();
    }
  }

  /** Runs attempts until one is valid; returns its chunks (empty if closed meanwhile). */
  private List<ChatCompletionChunk> attempts() {
    Usage total = null;
    for (int attempt = 0; ; attempt++) {
      CompletionStream current = upstream;
      if (current == null) {
        current = chain.proceed(chain.request().withMessages(history));
        upstream = current;
        if (closed) { // close() may have missed it
          current.close();
          return List.of();
        }
      }
      List<ChatCompletionChunk> chunks = new ArrayList<>();
      ChunkAggregator aggregator = new ChunkAggregator();
      try (CompletionStream attemptStream = current) {
        for (ChatCompletionChunk chunk = attemptStream.next(); chunk != null && !closed;
            chunk = attemptStream.next()) {
          chunks.add(chunk);
          aggregator.accept(chunk);
          if (chunk.usage() != null) {
            total = total == null ? chunk.usage() : total.plus(chunk.usage());
          }
        }
      }
      upstream = null;
      if (closed || chunks.isEmpty()) {
        return chunks;
      }
      ChatCompletionResponse reply = aggregator.toResponse();
      List<String> problems = problems(reply);
      if (problems.isEmpty()) {
        return attempt == 0 ? chunks : withUsage(chunks, total);
      }
      if (attempt >= maxRepairs) {
        throw new ModelInvocationException(ErrorType.MODEL_OUTPUT_INVALID, "model_output_invalid: the reply of "
            + "model '" + reply.model() + "' does not follow response_format " + check.description() + " after "
            + (attempt + 1) + (attempt == 0 ? " attempt" : " attempts") + ": " + summary(problems) + "; rephrase the "
            + "prompt, simplify the schema, raise ResponseFormatOptions.MAX_REPAIRS or use a backend that "
            + "constrains its output", 0, null);
      }
      history.add(new AssistantMessage(reply.message().text()));
      history.add(new UserMessage("Your previous reply does not follow the required response format: "
          + summary(problems) + ". Reply again with " + check.instruction() + " and nothing else: no explanation "
          + "and no Markdown code fence."));
    }
  }

  /** The problems of every choice that must follow the format; "choice i" is named when there are several. */
  private List<String> problems(ChatCompletionResponse reply) {
    List<String> problems = new ArrayList<>();
    for (Choice choice : reply.choices()) {
      AssistantMessage message = choice.message();
      FinishReason reason = choice.finishReason();
      if (!message.toolCalls().isEmpty() || message.refusal() != null || reason == FinishReason.TOOL_CALLS
          || reason == FinishReason.LENGTH || reason == FinishReason.CONTENT_FILTER) {
        continue; // not a final answer, or one that cannot be complete JSON (see ResponseFormatOptions)
      }
      for (String problem : check.problems(message.text())) {
        problems.add(reply.choices().size() > 1 ? "choice " + choice.index() + ": " + problem : problem);
      }
    }
    return problems;
  }

  private static String summary(List<String> problems) {
    List<String> shown = problems.size() <= MAX_PROBLEMS ? problems : problems.subList(0, MAX_PROBLEMS);
    String more = problems.size() > MAX_PROBLEMS ? " (and " + (problems.size() - MAX_PROBLEMS) + " more)" : "";
    return String.join("; ", shown) + more;
  }

  private static List<ChatCompletionChunk> withUsage(List<ChatCompletionChunk> chunks, @Nullable Usage total) {
    if (total == null) {
      return chunks;
    }
    List<ChatCompletionChunk> out = new ArrayList<>(chunks.size());
    for (ChatCompletionChunk c : chunks) {
      out.add(c.usage() == null ? c : new ChatCompletionChunk(c.id(), c.created(), c.model(), c.choices(), total,
          c.systemFingerprint()));
    }
    return out;
  }
}
