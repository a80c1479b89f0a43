package dev.confidant.core.internal.backend.remote;

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
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One remote completion as a pull-based stream: LangChain4j pushes into it (it is the model's
 * {@link StreamingChatResponseHandler}) and the transport reports failures and the end of the body into it; the
 * consumer pulls OpenAI-ordered chunks made by a {@link ChunkFactory}. The first terminal signal wins, later ones
 * are ignored (LangChain4j may report an error and then complete). Enforces the first-token and total timeouts
 * while the consumer waits. Pushing is thread-safe; {@link #next()} is for one consumer; {@link #close()} may be
 * called from any thread.
 */
public final class RemoteStream implements CompletionStream, StreamingChatResponseHandler, UpstreamTransport.Sink {
  private static final Object END = new Object();
  private static final Object WAKE = new Object();

  private final String backend;
  private final ChunkFactory chunks;
  private final UpstreamTransport transport;
  private final @Nullable String secret;
  private final long firstTokenDeadline;
  private final long totalDeadline;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Set<Integer> startedCalls = new HashSet<>(); // guarded by this
  private boolean roleSent; // guarded by this
  private boolean sawToolCall; // guarded by this
  private boolean terminal; // guarded by this
  private volatile boolean closed;
  private boolean delivered; // consumer thread only
  private boolean finished; // consumer thread only

  /**
   * @param backend the backend name, for messages
   * @param chunks makes the chunks (one id per completion)
   * @param transport the request's transport, cancelled on close and on failure
   * @param timeouts first-token and total limits, counted from now
   * @param secret a credential to keep out of messages, or {@code null}
   */
  public RemoteStream(String backend, ChunkFactory chunks, UpstreamTransport transport, ModelTimeouts timeouts,
      @Nullable String secret) {
    this.backend = requireNonNull(backend, "backend");
    this.chunks = requireNonNull(chunks, "chunks");
    this.transport = requireNonNull(transport, "transport");
    this.secret = secret;
    long now = System.nanoTime();
    this.firstTokenDeadline = now + timeouts.firstToken().toNanos();
    this.totalDeadline = now + timeouts.total().toNanos();
  }

  // ---- producer side (LangChain4j and the transport) ----

  @Override
  public synchronized void onPartialResponse(String text) {
    if (!terminal && !text.isEmpty()) {
      role();
      queue.add(chunks.content(text));
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
      queue.add(chunks.toolCallStart(call.index(), idOf(call.id()), requireNonNull(call.name(), "tool name")));
    }
    if (call.partialArguments() != null && !call.partialArguments().isEmpty()) {
      queue.add(chunks.toolCallArguments(call.index(), call.partialArguments()));
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
      queue.add(chunks.toolCallStart(call.index(), idOf(r.id()), r.name()));
      String arguments = r.arguments() == null || r.arguments().isBlank() ? "{}" : r.arguments();
      queue.add(chunks.toolCallArguments(call.index(), arguments));
    }
  }

  @Override
  public synchronized void onCompleteResponse(ChatResponse response) {
    if (terminal) {
      return;
    }
    terminal = true;
    role();
    queue.add(chunks.finish(finishReason(response.metadata().finishReason())));
    queue.add(chunks.usage(usage(response.metadata().tokenUsage())));
    queue.add(END);
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
      queue.add(closed ? WAKE : Lc4jFailures.map(backend, failure, secret));
    }
    transport.cancel();
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
      queue.add(chunks.role());
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
    transport.cancel();
    queue.add(WAKE); // unblocks a consumer waiting in next() on another thread
  }
}
