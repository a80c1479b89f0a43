package dev.confidant.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A pull-based stream of {@code chat.completion.chunk}s. Not thread-safe: one consumer pulls, possibly from a
 * virtual thread, and any thread may {@link #close()} it to cancel generation.
 *
 * {@snippet class=dev.confidant.api.ApiSnippets region=stream}
 */
public interface CompletionStream extends AutoCloseable, Iterable<ChatCompletionChunk> {

  /**
   * Blocks until the next chunk is available.
   *
   * @return the next chunk, or {@code null} at the end of the stream
   * @throws ChatEngineException if generation failed
   */
  @Nullable ChatCompletionChunk next();

  /** Stops generation and frees resources. Idempotent; may be called from any thread. */
  @Override
  void close();

  /** Iterates the remaining chunks. */
  @Override
  default Iterator<ChatCompletionChunk> iterator() {
    return new Iterator<>() {
      private @Nullable ChatCompletionChunk next;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (next == null && !done) {
          next = CompletionStream.this.next();
          done = next == null;
        }
        return next != null;
      }

      @Override
      public ChatCompletionChunk next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ChatCompletionChunk result = next;
        next = null;
        return result;
      }
    };
  }

  /**
   * A stream whose chunks pass through a transformer. Closing the result closes this stream.
   */
  default CompletionStream transform(ChunkTransformer transformer) {
    return new TransformedStream(this, transformer);
  }

  /** Reads the remaining chunks, closes the stream, and returns the {@code chat.completion} they make up. */
  default ChatCompletionResponse collect() {
    return ChunkAggregator.collect(this);
  }

  /** Reads all remaining chunks and closes the stream. */
  default List<ChatCompletionChunk> drain() {
    try (this) {
      List<ChatCompletionChunk> all = new ArrayList<>();
      for (ChatCompletionChunk c : this) {
        all.add(c);
      }
      return all;
    }
  }

  /** A stream over a fixed list of chunks. */
  static CompletionStream of(List<ChatCompletionChunk> chunks) {
    List<ChatCompletionChunk> copy = List.copyOf(chunks);
    return new CompletionStream() {
      private int position;

      @Override
      public @Nullable ChatCompletionChunk next() {
        return position < copy.size() ? copy.get(position++) : null;
      }

      @Override
      public void close() {
        position = copy.size();
      }
    };
  }

  /**
   * Rewrites a stream chunk by chunk, possibly holding chunks back and releasing them later. Implementations are
   * stateful and used for one stream only.
   */
  interface ChunkTransformer {
    /** Handles one chunk, emitting zero or more chunks. */
    void onChunk(ChatCompletionChunk chunk, Consumer<ChatCompletionChunk> out);

    /** Called once at the end of the upstream: emits whatever was held back. */
    default void onComplete(Consumer<ChatCompletionChunk> out) {}
  }
}
