package dev.confidant.testkit;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ErrorType;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.spi.ChunkFactory;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ModelBackend} named {@value #NAME} that streams {@linkplain ScriptedReply scripted replies} instead of
 * running a model, and records what reached it. Use it instead of mocking backends, stages or streams.
 *
 * <p>Each request takes the next queued reply; when the queue is empty the responder (if any) makes one from the
 * request, else the request fails with a {@link ModelInvocationException}. Streams follow OpenAI's chunk order
 * through {@link ChunkFactory} and always end with a usage chunk. Closing a stream stops it at once, also from
 * another thread while {@code next()} waits out a delay; chunks not yet produced are never produced.
 *
 * <p>Thread-safe: concurrent requests are served in arrival order, and the observation methods
 * ({@link #requests()}, {@link #openStreams()}, ...) may be called at any time. A responder must itself be
 * thread-safe if requests run concurrently.
 *
 * {@snippet class=dev.confidant.testkit.TestkitSnippets region=scripted-backend}
 */
public final class ScriptedModelBackend implements ModelBackend {
  /** The backend's name. */
  public static final String NAME = "scripted";

  private final ConcurrentLinkedQueue<ScriptedReply> replies;
  private final @Nullable Function<ChatCompletionRequest, ScriptedReply> responder;
  private final String defaultModel;
  private final boolean recordRequests;
  private final CopyOnWriteArrayList<ChatCompletionRequest> requests = new CopyOnWriteArrayList<>();
  private final Set<ScriptedStream> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger received = new AtomicInteger();
  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();
  private final AtomicInteger cancelled = new AtomicInteger();
  private final AtomicLong chunks = new AtomicLong();
  private volatile boolean backendClosed;

  private ScriptedModelBackend(Builder builder) {
    this.replies = new ConcurrentLinkedQueue<>(builder.replies);
    this.responder = builder.responder;
    this.defaultModel = builder.model;
    this.recordRequests = builder.recordRequests;
  }

  /** A backend serving these replies in order, then failing. */
  public static ScriptedModelBackend of(ScriptedReply... replies) {
    Builder builder = builder();
    for (ScriptedReply reply : replies) {
      builder.reply(reply);
    }
    return builder.build();
  }

  /** A backend that answers every request with its last user message, one code point per chunk. */
  public static ScriptedModelBackend echo() {
    return builder().echo().build();
  }

  /** A builder for a backend with no replies yet. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Records the request and streams the next scripted reply.
   *
   * @throws ModelInvocationException if no reply is left, the reply fails on start, or this backend is closed
   */
  @Override
  public CompletionStream stream(ChatCompletionRequest request, StageContext context) {
    requireNonNull(request, "request");
    requireNonNull(context, "context");
    int number = received.incrementAndGet();
    if (recordRequests) {
      requests.add(request);
    }
    if (backendClosed) {
      throw new ModelInvocationException(ErrorType.BACKEND_UNAVAILABLE, "scripted backend is closed", 0, null);
    }
    ScriptedReply reply = nextReply(request, number);
    ScriptedReply.Failure failure = reply.failure();
    if (failure != null && failure.onStart()) {
      throw failure.exception();
    }
    String model = request.model() != null ? request.model() : defaultModel;
    ScriptedStream stream = new ScriptedStream(this, ChunkFactory.start(model), reply, promptTokens(request));
    opened.incrementAndGet();
    open.add(stream);
    if (backendClosed) { // close() ran meanwhile and may have missed this stream
      stream.close();
    }
    return stream;
  }

  /** Adds replies to the end of the queue, e.g. the next round of a tool loop. */
  public void enqueue(ScriptedReply... more) {
    replies.addAll(List.of(more));
  }

  /** The number of queued replies not yet served. */
  public int remainingReplies() {
    return replies.size();
  }

  /** Every request received so far, in arrival order (also those that failed). */
  public List<ChatCompletionRequest> requests() {
    return List.copyOf(requests);
  }

  /** The last request received, if any. */
  public Optional<ChatCompletionRequest> lastRequest() {
    List<ChatCompletionRequest> all = requests();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** The number of streams returned so far. */
  public int streamsOpened() {
    return opened.get();
  }

  /** The number of streams closed so far. */
  public int streamsClosed() {
    return closed.get();
  }

  /** The number of streams returned and not yet closed: 0 after a test that closes what it opens. */
  public int openStreams() {
    return opened.get() - closed.get();
  }

  /** The number of streams stopped before their last chunk: closed early or interrupted while waiting. */
  public int cancelledStreams() {
    return cancelled.get();
  }

  /** Whether any stream was stopped before its last chunk. */
  public boolean wasCancelled() {
    return cancelled.get() > 0;
  }

  /** The number of chunks all streams have produced so far. */
  public long chunksProduced() {
    return chunks.get();
  }

  /** Closes every open stream and fails later requests. Idempotent. */
  @Override
  public void close() {
    backendClosed = true;
    for (ScriptedStream stream : new ArrayList<>(open)) {
      stream.close();
    }
  }

  void chunkProduced() {
    chunks.incrementAndGet();
  }

  void streamCancelled() {
    cancelled.incrementAndGet();
  }

  void streamClosed(ScriptedStream stream) {
    open.remove(stream);
    closed.incrementAndGet();
  }

  private ScriptedReply nextReply(ChatCompletionRequest request, int number) {
    ScriptedReply reply = replies.poll();
    if (reply != null) {
      return reply;
    }
    if (responder != null) {
      return requireNonNull(responder.apply(request), "responder returned null");
    }
    throw new ModelInvocationException("no scripted reply left for request #" + number + " (" + opened.get()
        + " served); script more with enqueue(...) or set a responder", null);
  }

  private static int promptTokens(ChatCompletionRequest request) {
    int words = 0;
    for (ChatMessage message : request.messages()) {
      words += Utf16.wordCount(message.text());
    }
    return words;
  }

  /** Configures a {@link ScriptedModelBackend}. Not thread-safe. */
  public static final class Builder {
    private final List<ScriptedReply> replies = new ArrayList<>();
    private @Nullable Function<ChatCompletionRequest, ScriptedReply> responder;
    private String model = NAME;
    private boolean recordRequests = true;

    private Builder() {}

    /**
     * Whether to record requests for {@link #requests()} (default true). Benchmarks turn it off: the record grows
     * with every request.
     */
    public Builder recordRequests(boolean record) {
      this.recordRequests = record;
      return this;
    }

    /** Queues a reply. */
    public Builder reply(ScriptedReply reply) {
      replies.add(requireNonNull(reply, "reply"));
      return this;
    }

    /** Queues a reply with this text in one chunk. */
    public Builder reply(String text) {
      return reply(ScriptedReply.text(text));
    }

    /** Makes the reply for every request that finds the queue empty. */
    public Builder responder(Function<ChatCompletionRequest, ScriptedReply> responder) {
      this.responder = requireNonNull(responder, "responder");
      return this;
    }

    /** Answers requests that find the queue empty with their last user message, one code point per chunk. */
    public Builder echo() {
      return responder(request -> ScriptedReply.echo(request).splitPerCodePoint());
    }

    /** The model name chunks report when the request names none (default {@value ScriptedModelBackend#NAME}). */
    public Builder model(String model) {
      this.model = requireNonNull(model, "model");
      return this;
    }

    /** The backend. */
    public ScriptedModelBackend build() {
      return new ScriptedModelBackend(this);
    }
  }
}
