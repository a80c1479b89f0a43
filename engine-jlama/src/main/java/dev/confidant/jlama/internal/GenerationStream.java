package dev.confidant.jlama.internal;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ErrorType;
import dev.confidant.api.ModelInvocationException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The consumer's end of a generation: a bounded queue that the producer (a virtual thread running
 * {@link Generation}) fills and {@link #next()} drains. The bound gives backpressure: a slow reader pauses
 * generation instead of buffering the whole reply. {@link #close()}, from any thread, makes the producer stop at
 * its next token and unblocks a reader waiting in {@link #next()}.
 *
 * <p>Thread-safety: one thread reads, one produces, any thread may close.
 */
final class GenerationStream implements CompletionStream {
  private static final int CAPACITY = 32;

  private sealed interface Event permits Chunk, Failure, End {}

  private record Chunk(ChatCompletionChunk chunk) implements Event {}

  private record Failure(ChatEngineException error) implements Event {}

  private record End() implements Event {}

  private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean ended;

  @Override
  public @Nullable ChatCompletionChunk next() {
    if (ended || closed.get()) {
      return null;
    }
    Event event;
    try {
      event = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new ModelInvocationException(ErrorType.CANCELLED, "interrupted while waiting for the model", 0, e);
    }
    if (closed.get()) {
      return null;
    }
    return switch (event) {
      case Chunk c -> c.chunk();
      case Failure f -> {
        ended = true;
        throw f.error();
      }
      case End e -> {
        ended = true;
        yield null;
      }
    };
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      queue.clear();
      // Wakes a reader blocked in take(); the producer adds at most one more event before it sees the flag.
      queue.offer(new End());
    }
  }

  // ---- producer side

  /** Whether the reader closed the stream: the producer should stop. */
  boolean cancelled() {
    return closed.get();
  }

  /** Hands a chunk to the reader, waiting while the queue is full; false if the stream was closed. */
  boolean emit(ChatCompletionChunk chunk) {
    return put(new Chunk(chunk));
  }

  /** Ends the stream with an error that {@link #next()} throws. */
  void fail(ChatEngineException error) {
    put(new Failure(error));
  }

  /** Ends the stream normally. */
  void end() {
    put(new End());
  }

  private boolean put(Event event) {
    try {
      while (!closed.get()) {
        if (queue.offer(event, 50, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
