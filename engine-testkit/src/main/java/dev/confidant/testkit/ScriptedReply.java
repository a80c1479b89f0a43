package dev.confidant.testkit;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.FinishReason;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.Usage;
import dev.confidant.api.UserMessage;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One completion a {@link ScriptedModelBackend} streams, chunk by chunk, in OpenAI's order: the role chunk, one
 * chunk per {@link #content() content fragment}, the {@link #toolCalls() tool calls} (a start chunk, then one
 * chunk per arguments fragment), the finish chunk and the usage chunk. Immutable and thread-safe; build it with
 * the factories and vary it with the {@code with*}, {@code split*} and {@code failing*} methods.
 *
 * <p>Fragments are split at code-point boundaries only: a split inside a UTF-16 surrogate pair is rejected, but
 * combining sequences, ZWJ emoji sequences and flags may be split, as real tokenizers do.
 *
 * {@snippet class=dev.confidant.testkit.TestkitSnippets region=scripted-reply}
 *
 * @param content content fragments, one chunk each
 * @param toolCalls tool calls streamed after the content
 * @param finishReason the finish reason, or {@code null} for the default: {@code tool_calls} with tool calls, else
 *     {@code stop}
 * @param usage the usage to report, or {@code null} to compute it: prompt tokens are the whitespace-separated words
 *     of all request messages, completion tokens the content and tool-call chunks
 * @param firstChunkDelay the wait before the first (role) chunk
 * @param chunkDelay the wait before every later chunk
 * @param failure a failure to raise instead of finishing normally, or {@code null}
 */
public record ScriptedReply(
    List<String> content,
    List<ScriptedToolCall> toolCalls,
    @Nullable FinishReason finishReason,
    @Nullable Usage usage,
    Duration firstChunkDelay,
    Duration chunkDelay,
    @Nullable Failure failure) {

  /**
   * Checks and copies the components; prefer the factories.
   *
   * @throws IllegalArgumentException if a fragment has a lone surrogate, a delay is negative, or the failure comes
   *     after more chunks than the reply has
   */
  public ScriptedReply {
    content = List.copyOf(content);
    toolCalls = List.copyOf(toolCalls);
    for (int i = 0; i < content.size(); i++) {
      Utf16.requireWellFormed(content.get(i), "content fragment " + i);
    }
    requireNonNegative(firstChunkDelay, "firstChunkDelay");
    requireNonNegative(chunkDelay, "chunkDelay");
    if (failure != null && failure.afterChunks() > chunkCount(content, toolCalls)) {
      throw new IllegalArgumentException("cannot fail after " + failure.afterChunks() + " chunks: the reply has only "
          + chunkCount(content, toolCalls) + " (role, content, tool calls, finish, usage)");
    }
  }

  /** A reply with this text in one chunk (no content chunk for the empty string). */
  public static ScriptedReply text(String text) {
    return chunks(text.isEmpty() ? List.of() : List.of(text));
  }

  /**
   * A reply with these content fragments, one chunk each (empty fragments are kept as empty chunks).
   *
   * @throws IllegalArgumentException if a fragment has a lone surrogate
   */
  public static ScriptedReply chunks(String... fragments) {
    return chunks(List.of(fragments));
  }

  /**
   * A reply with these content fragments, one chunk each.
   *
   * @throws IllegalArgumentException if a fragment has a lone surrogate
   */
  public static ScriptedReply chunks(List<String> fragments) {
    return new ScriptedReply(fragments, List.of(), null, null, Duration.ZERO, Duration.ZERO, null);
  }

  /** A reply that only calls tools; it finishes with {@code tool_calls}. */
  public static ScriptedReply toolCalls(ScriptedToolCall... calls) {
    return chunks(List.of()).withToolCalls(calls);
  }

  /** A reply repeating the text of the request's last user message in one chunk ("" when there is none). */
  public static ScriptedReply echo(ChatCompletionRequest request) {
    List<ChatMessage> messages = request.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof UserMessage user) {
        return text(user.text());
      }
    }
    return text("");
  }

  /** The whole content: the fragments joined. */
  public String text() {
    return String.join("", content);
  }

  /** The finish reason the finish chunk carries. */
  public FinishReason effectiveFinishReason() {
    if (finishReason != null) {
      return finishReason;
    }
    return toolCalls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
  }

  /** The number of chunks this reply streams when it does not fail: role, content, tool calls, finish, usage. */
  public int chunkCount() {
    return chunkCount(content, toolCalls);
  }

  /**
   * A copy whose content is re-split into fragments of {@code codePoints} code points.
   *
   * @throws IllegalArgumentException if {@code codePoints < 1}
   */
  public ScriptedReply splitEvery(int codePoints) {
    return withContent(Utf16.splitEvery(text(), codePoints));
  }

  /** A copy streaming one code point per content chunk: the most adversarial split that keeps UTF-16 valid. */
  public ScriptedReply splitPerCodePoint() {
    return splitEvery(1);
  }

  /**
   * A copy whose content is re-split at these char offsets of {@link #text()}.
   *
   * @throws IllegalArgumentException if the offsets do not increase, leave the text or split a surrogate pair
   */
  public ScriptedReply splitAt(int... offsets) {
    return withContent(Utf16.splitAt(text(), offsets));
  }

  /** A copy with these content fragments. */
  public ScriptedReply withContent(List<String> fragments) {
    return new ScriptedReply(fragments, toolCalls, finishReason, usage, firstChunkDelay, chunkDelay, failure);
  }

  /** A copy with these tool calls after the content. */
  public ScriptedReply withToolCalls(ScriptedToolCall... calls) {
    return new ScriptedReply(content, List.of(calls), finishReason, usage, firstChunkDelay, chunkDelay, failure);
  }

  /** A copy with an explicit finish reason. */
  public ScriptedReply withFinishReason(FinishReason reason) {
    return new ScriptedReply(content, toolCalls, requireNonNull(reason, "reason"), usage, firstChunkDelay,
        chunkDelay, failure);
  }

  /** A copy reporting this usage instead of a computed one. */
  public ScriptedReply withUsage(Usage usage) {
    return new ScriptedReply(content, toolCalls, finishReason, requireNonNull(usage, "usage"), firstChunkDelay,
        chunkDelay, failure);
  }

  /** A copy that waits this long before the first chunk (time to first token). */
  public ScriptedReply withFirstChunkDelay(Duration delay) {
    return new ScriptedReply(content, toolCalls, finishReason, usage, delay, chunkDelay, failure);
  }

  /** A copy that waits this long before every chunk after the first. */
  public ScriptedReply withChunkDelay(Duration delay) {
    return new ScriptedReply(content, toolCalls, finishReason, usage, firstChunkDelay, delay, failure);
  }

  /** A copy whose {@link ScriptedModelBackend#stream} throws this exception instead of returning a stream. */
  public ScriptedReply failingOnStart(ModelInvocationException exception) {
    return withFailure(new Failure(Failure.ON_START, exception));
  }

  /**
   * A copy whose stream returns {@code chunks} chunks (the role chunk counts), then throws this exception from
   * {@code next()} (after the chunk delay); {@code 0} fails the first {@code next()}. Later calls return
   * {@code null}.
   *
   * @throws IllegalArgumentException if the reply has fewer chunks
   */
  public ScriptedReply failingAfter(int chunks, ModelInvocationException exception) {
    if (chunks < 0) {
      throw new IllegalArgumentException("chunks must be >= 0, was " + chunks);
    }
    return withFailure(new Failure(chunks, exception));
  }

  private ScriptedReply withFailure(Failure failure) {
    return new ScriptedReply(content, toolCalls, finishReason, usage, firstChunkDelay, chunkDelay, failure);
  }

  private static int chunkCount(List<String> content, List<ScriptedToolCall> toolCalls) {
    int count = 1 + content.size() + 2;
    for (ScriptedToolCall call : toolCalls) {
      count += 1 + call.argumentFragments().size();
    }
    return count;
  }

  private static void requireNonNegative(Duration delay, String name) {
    if (requireNonNull(delay, name).isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + delay);
    }
  }

  /**
   * A scripted failure.
   *
   * @param afterChunks how many chunks the stream returns before {@code next()} throws, or {@link #ON_START} when
   *     {@code stream(...)} itself throws
   * @param exception what is thrown
   */
  public record Failure(int afterChunks, ModelInvocationException exception) {
    /** {@link #afterChunks()} value for a failure thrown by {@code stream(...)}. */
    public static final int ON_START = -1;

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code afterChunks < -1}
     */
    public Failure {
      requireNonNull(exception, "exception");
      if (afterChunks < ON_START) {
        throw new IllegalArgumentException("afterChunks must be >= -1, was " + afterChunks);
      }
    }

    /** Whether {@code stream(...)} throws instead of returning a stream. */
    public boolean onStart() {
      return afterChunks == ON_START;
    }
  }
}
