package dev.confidant.langchain4j.internal;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ErrorType;
import dev.confidant.api.FinishReason;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.Usage;
import dev.confidant.api.spi.ChunkFactory;
import dev.confidant.core.ModelTimeouts;


import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.TokenUsage;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One LangChain4j completion as a pull-based stream: the model pushes into it (it is the model's
 * {@link StreamingChatResponseHandler}) and the transport, if any, reports failures and the end of the body into
 * it; the consumer pulls OpenAI-ordered chunks made by a {@link ChunkFactory}. The first terminal signal wins, later
 * ones are ignored (LangChain4j may report an error and then complete). Enforces the first-token and total timeouts
 * while the consumer waits. Closing it, or a failure, runs the cancel actions: the transport's, the streaming handle
 * LangChain4j passed with a partial response, a blocking call's interrupt.
 *
 * <p>The queue holds at most {@value #CAPACITY} chunks: a model pushing faster than the consumer pulls waits (and
 * with it the HTTP body it reads), until the consumer pulls or closes. Pushing is thread-safe; {@link #next()} is
 * for one consumer; {@link #close()} may be called from any thread.
 */
public final class RemoteStream implements CompletionStream, StreamingChatResponseHandler, UpstreamTransport.Sink {
  /** The most chunks waiting for the consumer. */
  static final int CAPACITY = 256;
  private static final Object END = new Object();
  private static final Object WAKE = new Object();

  private final String backend;
  private final ChunkFactory chunks;
  private final @Nullable String secret;
  private final long firstTokenDeadline;
  private final long totalDeadline;
  private final ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY + 4);
  private final List<Runnable> cancelActions = new CopyOnWriteArrayList<>();
  private final Set<StreamingHandle> handles = ConcurrentHashMap.newKeySet();
  private final Set<Integer> startedCalls = new HashSet<>(); // guarded by this
  private boolean roleSent; // guarded by this
  private boolean sawToolCall; // guarded by this
  private boolean terminal; // guarded by this
  private volatile boolean closed;
  private volatile boolean requireFinishReason;
  private boolean delivered; // consumer thread only
  private boolean finished; // consumer thread only

  /**
   * @param backend the backend name, for messages
   * @param chunks makes the chunks (one id per completion)
   * @param timeouts first-token and total limits, counted from now
   * @param secret a credential to keep out of messages, or {@code null}
   */
  public RemoteStream(String backend, ChunkFactory chunks, ModelTimeouts timeouts, @Nullable String secret) {
    this.backend = requireNonNull(backend, "backend");
    this.chunks = requireNonNull(chunks, "chunks");
    this.secret = secret;
    long now = System.nanoTime();
    this.firstTokenDeadline = now + timeouts.firstToken().toNanos();
    this.totalDeadline = now + timeouts.total().toNanos();
  }

  /** Runs {@code action} when the stream is closed or fails (at once if it already has). */
  public void onCancel(Runnable action) {
    cancelActions.add(requireNonNull(action, "action"));
    if (closed || failedOrEnded()) {
      action.run();
    }
  }

  private synchronized boolean failedOrEnded() {
    return terminal;
  }

  private void cancelAll() {
    for (Runnable action : cancelActions) {
      try {
        action.run();
      } catch (RuntimeException e) {
        // cancelling is best effort: the stream is over for the consumer either way
      }
    }
  }

  // ---- producer side (LangChain4j and the transport) ----

  /** Queues an item, waiting while the queue is full unless the stream is closed. */
  private void enqueue(Object item) {
    try {
      while (!queue.offer(item, 20, TimeUnit.MILLISECONDS)) {
        if (closed) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
    keep(context.streamingHandle());
    onPartialResponse(partial.text());
  }

  @Override
  public void onPartialToolCall(PartialToolCall call, PartialToolCallContext context) {
    keep(context.streamingHandle());
    onPartialToolCall(call);
  }

  /** LangChain4j's handle of this call: cancelling it stops a model the engine did not give a transport. */
  private void keep(@Nullable StreamingHandle handle) {
    if (handle != null && handles.add(handle)) {
      onCancel(handle::cancel);
    }
  }

  @Override
  public synchronized void onPartialResponse(String text) {
    if (!terminal && !text.isEmpty()) {
      role();
      enqueue(chunks.content(text));
    }
  }

  @Override
  public synchronized void onPartialToolCall(PartialToolCall call) {
    if (terminal) {
      return;
    }
    role();
    sawToolCall = true;
    if (startedCalls.add(call.index())) {
      enqueue(chunks.toolCallStart(call.index(), idOf(call.id()), requireNonNull(call.name(), "tool name")));
    }
    if (call.partialArguments() != null && !call.partialArguments().isEmpty()) {
      enqueue(chunks.toolCallArguments(call.index(), call.partialArguments()));
    }
  }

  @Override
  public synchronized void onCompleteToolCall(CompleteToolCall call) {
    if (terminal) {
      return;
    }
    role();
    sawToolCall = true;
    if (startedCalls.add(call.index())) {
      // Ollama sends whole tool calls, never fragments: stream it as its two chunks.
      ToolExecutionRequest r = call.toolExecutionRequest();
      enqueue(chunks.toolCallStart(call.index(), idOf(r.id()), r.name()));
      String arguments = r.arguments() == null || r.arguments().isBlank() ? "{}" : r.arguments();
      enqueue(chunks.toolCallArguments(call.index(), arguments));
    }
  }

  /**
   * Makes a completion without a finish reason a failure (the stream was cut off): for models whose end of body
   * LangChain4j turns into a completion whatever arrived, which the transport does not check itself.
   */
  public void requireFinishReason() {
    requireFinishReason = true;
  }

  @Override
  public void onCompleteResponse(ChatResponse response) {
    if (requireFinishReason && response.metadata().finishReason() == null) {
      fail(new ModelInvocationException(ErrorType.BACKEND_UNAVAILABLE, "model backend '" + backend
          + "': the stream ended without a finish reason (truncated)", 0, null));
      return;
    }
    complete(response);
  }

  private synchronized void complete(ChatResponse response) {
    if (terminal) {
      return;
    }
    terminal = true;
    role();
    enqueue(chunks.finish(finishReason(response.metadata().finishReason())));
    enqueue(chunks.usage(usage(response.metadata().tokenUsage())));
    enqueue(END);
  }

  @Override
  public void onError(Throwable error) {
    fail(error);
  }

  @Override
  public void fail(Throwable failure) {
    synchronized (this) {
      if (terminal) {
        return;
      }
      terminal = true;
    }
    if (closed) {
      wake();
    } else {
      enqueue(Lc4jFailures.map(backend, failure, secret));
    }
    cancelAll();
  }

  @Override
  public void ended() {
    synchronized (this) {
      if (terminal) {
        return;
      }
    }
    // The body ended properly, yet LangChain4j completed nothing: the stream had no final event we understood.
    fail(new ModelInvocationException(ErrorType.BACKEND_ERROR, "model backend '" + backend
        + "' ended its stream without a final response", 0, null));
  }

  private void role() {
    if (!roleSent) {
      roleSent = true;
      enqueue(chunks.role());
    }
  }

  private FinishReason finishReason(dev.langchain4j.model.output.@Nullable FinishReason reason) {
    if (sawToolCall) {
      return FinishReason.TOOL_CALLS;
    }
    if (reason == null) {
      return FinishReason.STOP;
    }
    return switch (reason) {
      case STOP, OTHER -> FinishReason.STOP;
      case LENGTH -> FinishReason.LENGTH;
      case TOOL_EXECUTION -> FinishReason.TOOL_CALLS;
      case CONTENT_FILTER -> FinishReason.CONTENT_FILTER;
    };
  }

  private static Usage usage(@Nullable TokenUsage usage) {
    if (usage == null) {
      return Usage.of(0, 0);
    }
    int prompt = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
    int completion = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
    return Usage.of(prompt, completion);
  }

  private static String idOf(@Nullable String id) {
    return id == null || id.isBlank() ? "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24)
        : id;
  }

  // ---- consumer side ----

  @Override
  public @Nullable ChatCompletionChunk next() {
    if (closed || finished) {
      return null;
    }
    Object item;
    try {
      long deadline = delivered ? totalDeadline : Math.min(firstTokenDeadline, totalDeadline);
      item = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new ModelInvocationException(ErrorType.CANCELLED, "interrupted while waiting for model backend '"
          + backend + "'", 0, e);
    }
    if (item == null) {
      String what = delivered ? "the completion took longer than its total timeout"
          : "no first token within the first-token timeout";
      ModelInvocationException timeout = new ModelInvocationException(ErrorType.TIMEOUT,
          "model backend '" + backend + "': " + what, 0, null);
      fail(timeout);
      finished = true;
      throw timeout;
    }
    if (item == END || item == WAKE || closed) {
      finished = true;
      return null;
    }
    if (item instanceof ChatEngineException e) {
      finished = true;
      throw e;
    }
    delivered = true;
    return (ChatCompletionChunk) item;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    synchronized (this) {
      terminal = true;
    }
    cancelAll();
    wake(); // unblocks a consumer waiting in next() on another thread
  }

  /** Replaces what waits with the wake-up marker: after a close nothing else is delivered. */
  private void wake() {
    queue.clear();
    queue.offer(WAKE);
  }
}
