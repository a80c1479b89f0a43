package dev.confidant.openai.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.Choice;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.Delta;
import dev.confidant.api.ErrorType;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.Role;
import dev.confidant.api.ToolCall;
import dev.confidant.api.Usage;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.core.json.ChatJson;
import dev.confidant.core.remote.StreamProtocolException;
import dev.confidant.core.remote.UpstreamFailures;
import dev.confidant.core.remote.UpstreamFailures.Disclosure;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One streamed completion from an OpenAI-compatible server, read by the consumer's own thread: each
 * {@link #next()} reads server-sent events until one yields a chunk, so the server's pace is the consumer's
 * (nothing is buffered beyond one event). Chunks pass through as {@link ChatJson} reads them (choices,
 * {@code logprobs}, tool-call fragments, {@code system_fingerprint}), with what makes every backend's stream alike:
 * one completion id and creation time, the role on each choice's first delta only, nothing after a choice's
 * finish reason, and the usage as the last chunk. A task on the backend's deadline scheduler enforces the first-token
 * and total timeouts by cancelling the exchange, which also unblocks a read; it is cancelled (and leaves the
 * scheduler's queue) when the stream stops, so the queue holds one task per open stream at most. {@link #next()} is for one consumer;
 * {@link #close()} may be called from any thread.
 */
final class SseCompletionStream implements CompletionStream {
  /** The longest event accepted: far above any chunk, far below what could exhaust the heap. */
  static final int MAX_EVENT_CHARS = 1 << 20;
  /** The longest whole completion accepted (a collected call): 8 MiB, far above any reply of {@code n} choices. */
  static final int MAX_COMPLETION_BYTES = 8 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private enum Expiry { FIRST_TOKEN, TOTAL }

  private final String backend;
  private final Exchange exchange;
  private final Disclosure disclosure;
  private final @Nullable String secret;
  private final String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
  private final long created = System.currentTimeMillis() / 1000;
  private final long firstTokenDeadline;
  private final long totalDeadline;
  private final ScheduledExecutorService deadlines;
  private volatile @Nullable Future<?> deadline; // the expiry task in force
  private final ArrayDeque<ChatCompletionChunk> pending = new ArrayDeque<>(2); // one event's worth
  private final Set<Integer> started = new HashSet<>();
  private final Set<Integer> finished = new HashSet<>();
  private @Nullable SseReader reader;
  private @Nullable String model;
  private @Nullable Usage usage;
  private volatile boolean delivered;
  private volatile boolean stopped; // nothing more is read: ended, failed or closed
  private volatile boolean closed;
  private volatile @Nullable Expiry expired;
  private boolean whole; // a whole completion to read in one JSON body, until it is read

  /**
   * @param deadlines runs the expiry task (one per open stream); a task per stream instead of a watchdog thread,
   *     because starting, parking and waking a thread per request cost about a tenth of a gateway request's CPU
   * @param whole whether the server was asked for a whole completion ({@code "stream": false}): its JSON body (at most
   *     {@value #MAX_COMPLETION_BYTES} bytes) becomes one chunk with every choice and the usage chunk, and only the
   *     total timeout applies, since the first token comes with the last; a server that streams anyway is read as a
   *     stream
   */
  SseCompletionStream(String backend, Exchange exchange, ModelTimeouts timeouts, Disclosure disclosure,
      @Nullable String secret, ScheduledExecutorService deadlines, boolean whole) {
    this.backend = requireNonNull(backend, "backend");
    this.exchange = requireNonNull(exchange, "exchange");
    this.disclosure = requireNonNull(disclosure, "disclosure");
    this.secret = secret;
    this.whole = whole;
    long now = System.nanoTime();
    this.totalDeadline = now + timeouts.total().toNanos();
    this.firstTokenDeadline = whole ? totalDeadline : now + timeouts.firstToken().toNanos();
    this.deadlines = requireNonNull(deadlines, "deadlines");
    this.deadline = deadlines.schedule(this::expire, Math.min(firstTokenDeadline, totalDeadline) - now,
        TimeUnit.NANOSECONDS);
  }

  @Override
  public @Nullable ChatCompletionChunk next() {
    if (closed) {
      return null;
    }
    try {
      while (pending.isEmpty() && !stopped) {
        if (whole) {
          acceptWhole(exchange.body());
          continue;
        }
        if (reader == null) {
          reader = new SseReader(exchange.body(), MAX_EVENT_CHARS);
        }
        String data = reader.nextData();
        if (data == null) {
          // Most often a connection cut short (a proxy, a restart): a transport failure, worth a retry.
          throw new EOFException("the stream ended before its 'data: [DONE]' (truncated)");
        }
        if (data.strip().equals("[DONE]")) {
          end();
        } else {
          accept(data);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (closed) {
        return null; // closed from another thread while this one waited
      }
      if (Thread.currentThread().isInterrupted()) { // someone else's interrupt (not cancel's): the caller gives up
        throw interrupted(e);
      }
      throw failure(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(e);
    }
    ChatCompletionChunk next = pending.poll();
    if (next != null) {
      delivered = true;
    }
    return next;
  }

  private ModelInvocationException interrupted(Exception e) {
    close();
    return new ModelInvocationException(ErrorType.CANCELLED, "interrupted while waiting for model backend '"
        + backend + "'", 0, e);
  }

  /** One event's chunk, made alike (see the class comment); an {@code error} event is the upstream's failure. */
  private void accept(String data) throws StreamProtocolException {
    ChatCompletionChunk chunk;
    try {
      chunk = ChatJson.readChunk(data);
    } catch (IllegalArgumentException notAChunk) {
      throw streamError(data, notAChunk, "chat.completion.chunk");
    }
    if (model == null) {
      model = chunk.model();
    }
    List<ChunkChoice> choices = new ArrayList<>(chunk.choices().size());
    for (ChunkChoice choice : chunk.choices()) {
      int index = choice.index();
      if (finished.contains(index)) {
        if (carriesNothing(choice)) {
          continue; // some servers repeat an empty delta after the finish reason
        }
        throw new StreamProtocolException("the model's stream continued choice " + index
            + " after its finish reason");
      }
      Delta delta = choice.delta();
      Role role = started.add(index) ? Role.ASSISTANT : null; // the role on a choice's first delta only
      if (delta.role() != role) {
        delta = new Delta(role, delta.content(), delta.refusal(), delta.toolCalls(), delta.context());
      }
      if (choice.finishReason() != null) {
        finished.add(index);
      }
      choices.add(new ChunkChoice(index, delta, choice.finishReason(), choice.logprobs()));
    }
    if (chunk.usage() != null) {
      usage = chunk.usage(); // sent last, after [DONE]'s checks
    }
    if (!choices.isEmpty()) {
      pending.add(new ChatCompletionChunk(id, created, model, choices, null, chunk.systemFingerprint()));
    }
  }

  /**
   * A whole completion: one chunk with every choice (its role, content, refusal, tool calls, finish reason and
   * log probabilities at once), then the usage chunk, with the checks of a stream's {@code [DONE]}. A body that is
   * not a JSON object is read as the events of a server that streamed anyway.
   */
  private void acceptWhole(InputStream body) throws IOException {
    whole = false;
    byte[] bytes;
    try (body) {
      bytes = body.readNBytes(MAX_COMPLETION_BYTES + 1);
    }
    if (bytes.length > MAX_COMPLETION_BYTES) {
      throw new StreamProtocolException("the model's completion is longer than " + MAX_COMPLETION_BYTES + " bytes");
    }
    int start = 0;
    while (start < bytes.length && (bytes[start] == ' ' || bytes[start] == '\n' || bytes[start] == '\r'
        || bytes[start] == '\t')) {
      start++;
    }
    if (start == bytes.length || bytes[start] != '{') {
      reader = new SseReader(new ByteArrayInputStream(bytes), MAX_EVENT_CHARS);
      return;
    }
    ChatCompletionResponse response;
    try {
      response = ChatJson.readResponse(bytes);
    } catch (IllegalArgumentException notACompletion) {
      throw streamError(new String(bytes, StandardCharsets.UTF_8), notACompletion, "chat.completion");
    }
    model = response.model();
    List<ChunkChoice> choices = new ArrayList<>(response.choices().size());
    for (Choice choice : response.choices()) {
      AssistantMessage message = choice.message();
      List<Delta.ToolCallDelta> calls = new ArrayList<>(message.toolCalls().size());
      for (int i = 0; i < message.toolCalls().size(); i++) {
        ToolCall call = message.toolCalls().get(i);
        calls.add(new Delta.ToolCallDelta(i, call.id(), call.name(), call.arguments()));
      }
      Delta delta = new Delta(Role.ASSISTANT, message.content() == null ? null : message.content().text(),
          message.refusal(), calls, message.context());
      started.add(choice.index());
      if (choice.finishReason() != null) {
        finished.add(choice.index());
      }
      choices.add(new ChunkChoice(choice.index(), delta, choice.finishReason(), choice.logprobs()));
    }
    if (!choices.isEmpty()) {
      pending.add(new ChatCompletionChunk(id, created, model, choices, null, response.systemFingerprint()));
    }
    usage = response.usage();
    end();
  }

  /** {@code [DONE]}: every choice must have finished; the usage chunk ends the stream. */
  private void end() throws StreamProtocolException {
    if (started.isEmpty()) {
      throw new StreamProtocolException("the model's stream ended without a choice");
    }
    Set<Integer> open = new TreeSet<>(started);
    open.removeAll(finished);
    if (!open.isEmpty()) {
      throw new StreamProtocolException("the model's stream ended without a finish reason for choice " + open);
    }
    pending.add(new ChatCompletionChunk(id, created, requireNonNull(model), List.of(),
        usage == null ? Usage.of(0, 0) : usage, null));
    exchange.finish(); // nothing follows [DONE]: the connection goes back to the cache
    stop(); // and the deadline is cancelled now
  }

  private static boolean carriesNothing(ChunkChoice choice) {
    Delta d = choice.delta();
    return (d.content() == null || d.content().isEmpty()) && d.refusal() == null && d.toolCalls().isEmpty()
        && choice.finishReason() == null;
  }

  /**
   * An event (or a whole body) that is not what was expected: the upstream's {@code error} object, or a broken
   * protocol.
   *
   * @param expected the object that was expected, {@code chat.completion.chunk} or {@code chat.completion}
   */
  private StreamProtocolException streamError(String data, IllegalArgumentException notAChunk, String expected) {
    JsonNode node;
    try {
      node = JSON.readTree(data);
    } catch (IOException | RuntimeException notJson) {
      return new StreamProtocolException("malformed JSON in the model's stream", excerpt(data));
    }
    if (node != null && node.isObject() && node.has("error")) {
      return new StreamProtocolException("the model's stream reported an error",
          UpstreamFailures.errorMessage(data));
    }
    return new StreamProtocolException("the model's stream sent an event that is not a " + expected,
        notAChunk.getMessage());
  }

  private static String excerpt(String data) {
    return data.length() > 80 ? data.substring(0, 80) + "..." : data;
  }

  private ChatEngineException failure(Throwable e) {
    stop();
    Expiry why = expired;
    if (why != null) {
      return new ModelInvocationException(ErrorType.TIMEOUT, "model backend '" + backend + "': "
          + (why == Expiry.FIRST_TOKEN ? "no first token within the first-token timeout"
          : "the completion took longer than its total timeout"), 0, e);
    }
    return UpstreamFailures.map(backend, e, disclosure, secret);
  }

  /**
   * The deadline task: at the first-token deadline (or the total one, if earlier) cancels the exchange unless a
   * chunk was delivered, in which case it waits again for the total deadline.
   */
  private void expire() {
    if (stopped) {
      return;
    }
    long wait = totalDeadline - System.nanoTime();
    if (delivered && wait > 0) {
      deadline = deadlines.schedule(this::expire, wait, TimeUnit.NANOSECONDS);
      if (stopped) { // stop() may have cancelled the previous task while this one was being scheduled
        cancelDeadline();
      }
      return;
    }
    expired = delivered || firstTokenDeadline == totalDeadline ? Expiry.TOTAL : Expiry.FIRST_TOKEN;
    exchange.cancel();
  }

  private void stop() {
    stopped = true;
    exchange.cancel();
    cancelDeadline();
  }

  private void cancelDeadline() {
    Future<?> task = deadline;
    if (task != null) {
      task.cancel(false);
    }
  }

  @Override
  public void close() {
    closed = true;
    stop();
  }
}
