package dev.confidant.testkit;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ErrorType;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.Usage;
import dev.confidant.api.spi.ChunkFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The stream of one {@link ScriptedReply}. Chunks are made lazily in {@link #next()}, so a chunk that was not
 * reached before {@link #close()} is never produced. One thread pulls; any thread may close, which wakes a
 * {@code next()} waiting out a delay at once.
 */
final class ScriptedStream implements CompletionStream {
  private final ScriptedModelBackend owner;
  private final ChunkFactory factory;
  private final ScriptedReply reply;
  private final Usage usage;
  private final int total;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean closeOnce = new AtomicBoolean();
  private final AtomicBoolean cancelOnce = new AtomicBoolean();
  // Written by the pulling thread only; volatile so that close() on another thread sees how far it got.
  private volatile int position;
  private volatile boolean ended;

  ScriptedStream(ScriptedModelBackend owner, ChunkFactory factory, ScriptedReply reply, int promptTokens) {
    this.owner = owner;
    this.factory = factory;
    this.reply = reply;
    this.total = reply.chunkCount();
    this.usage = reply.usage() != null ? reply.usage() : Usage.of(promptTokens, total - 3);
  }

  @Override
  public @Nullable ChatCompletionChunk next() {
    if (ended || isClosed()) {
      return null;
    }
    ScriptedReply.Failure failure = reply.failure();
    boolean failing = failure != null && failure.afterChunks() == position;
    if (!failing && position >= total) {
      ended = true;
      return null;
    }
    if (closedWhileWaiting(position == 0 ? reply.firstChunkDelay() : reply.chunkDelay())) {
      return null;
    }
    if (failing) {
      ended = true;
      throw failure.exception();
    }
    ChatCompletionChunk chunk = chunkAt(position);
    position++;
    owner.chunkProduced();
    return chunk;
  }

  @Override
  public void close() {
    if (closeOnce.compareAndSet(false, true)) {
      if (!ended && position < total) {
        cancel();
      }
      closed.countDown();
      owner.streamClosed(this);
    }
  }

  private boolean isClosed() {
    return closed.getCount() == 0;
  }

  /** Waits out a delay; true if the stream was closed meanwhile (or before). */
  private boolean closedWhileWaiting(Duration delay) {
    if (delay.isZero()) {
      return isClosed();
    }
    try {
      return closed.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ended = true;
      cancel();
      throw new ModelInvocationException(ErrorType.CANCELLED,
          "interrupted while waiting for scripted chunk " + position + "; generation cancelled", 0, e);
    }
  }

  private void cancel() {
    if (cancelOnce.compareAndSet(false, true)) {
      owner.streamCancelled();
    }
  }

  private ChatCompletionChunk chunkAt(int index) {
    int i = index;
    if (i == 0) {
      return factory.role();
    }
    i--;
    if (i < reply.content().size()) {
      return factory.content(reply.content().get(i));
    }
    i -= reply.content().size();
    for (int t = 0; t < reply.toolCalls().size(); t++) {
      ScriptedToolCall call = reply.toolCalls().get(t);
      if (i == 0) {
        return factory.toolCallStart(t, call.id(), call.name());
      }
      i--;
      if (i < call.argumentFragments().size()) {
        return factory.toolCallArguments(t, call.argumentFragments().get(i));
      }
      i -= call.argumentFragments().size();
    }
    return i == 0 ? factory.finish(reply.effectiveFinishReason()) : factory.usage(usage);
  }
}
