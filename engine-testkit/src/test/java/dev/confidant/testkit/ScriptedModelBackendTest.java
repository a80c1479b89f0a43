package dev.confidant.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ErrorType;
import dev.confidant.api.FinishReason;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.RequestContext;
import dev.confidant.api.Role;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.ToolCall;
import dev.confidant.api.Usage;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.StageContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ScriptedModelBackendTest {
  private static final StageContext CONTEXT = new StageContext(RequestContext.anonymous());

  private static ChatCompletionRequest ask(String text) {
    return ChatCompletionRequest.of(null, new UserMessage(text));
  }

  @Test
  void repliesAreServedInOrderThenTheResponder() {
    ScriptedModelBackend backend = ScriptedModelBackend.builder()
        .reply("first")
        .reply(ScriptedReply.text("second"))
        .responder(request -> ScriptedReply.text("made for " + request.messages().size()))
        .build();
    assertThat(backend.stream(ask("a"), CONTEXT).collect().message().text()).isEqualTo("first");
    assertThat(backend.stream(ask("b"), CONTEXT).collect().message().text()).isEqualTo("second");
    assertThat(backend.stream(ask("c"), CONTEXT).collect().message().text()).isEqualTo("made for 1");
    backend.enqueue(ScriptedReply.text("enqueued"));
    assertThat(backend.remainingReplies()).isEqualTo(1);
    assertThat(backend.stream(ask("d"), CONTEXT).collect().message().text()).isEqualTo("enqueued");
  }

  @Test
  void requestWithoutAReplyLeftFailsAndIsStillRecorded() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("only one"));
    backend.stream(ask("a"), CONTEXT).drain();
    assertThatThrownBy(() -> backend.stream(ask("b"), CONTEXT))
        .isInstanceOf(ModelInvocationException.class)
        .hasMessageContaining("no scripted reply left for request #2");
    assertThat(backend.requests()).extracting(r -> r.messages().get(0).text()).containsExactly("a", "b");
  }

  @Test
  void everyRequestIsRecordedUnderConcurrency() throws Exception {
    ScriptedModelBackend backend = ScriptedModelBackend.echo();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> replies = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        String text = "request " + i;
        replies.add(executor.submit(() -> backend.stream(ask(text), CONTEXT).collect().message().text()));
      }
      for (int i = 0; i < replies.size(); i++) {
        assertThat(replies.get(i).get()).isEqualTo("request " + i);
      }
    }
    assertThat(backend.requests()).hasSize(64);
    assertThat(backend.streamsOpened()).isEqualTo(64);
    assertThat(backend.openStreams()).isZero();
    assertThat(backend.wasCancelled()).isFalse();
    assertThat(backend.lastRequest()).isPresent();
  }

  @Test
  void chunksFollowOpenAiOrderWithToolCallsInFragments() {
    ScriptedToolCall call = ScriptedToolCall.of("call_1", "weather", "{\"city\":\"Zürich\"}").splitEvery(4);
    ScriptedModelBackend backend =
        ScriptedModelBackend.of(ScriptedReply.chunks("Let me ", "check.").withToolCalls(call));
    List<ChatCompletionChunk> chunks = backend.stream(ask("weather?"), CONTEXT).drain();

    CompletionAssertions.assertOpenAiChunkOrder(chunks);
    assertThat(chunks.get(0).choices().get(0).delta().role()).isEqualTo(Role.ASSISTANT);
    assertThat(chunks.get(1).choices().get(0).delta().content()).isEqualTo("Let me ");
    assertThat(chunks.get(3).choices().get(0).delta().toolCalls().get(0).name()).isEqualTo("weather");
    assertThat(chunks.get(4).choices().get(0).delta().toolCalls().get(0).arguments()).isEqualTo("{\"ci");
    assertThat(chunks).hasSize(1 + 2 + 1 + call.argumentFragments().size() + 2);
    assertThat(chunks.get(chunks.size() - 2).choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);

    ChatCompletionResponse response = CompletionStream.of(chunks).collect();
    assertThat(response.message().text()).isEqualTo("Let me check.");
    assertThat(response.message().toolCalls()).containsExactly(new ToolCall("call_1", "weather",
        "{\"city\":\"Zürich\"}"));
  }

  @Test
  void usageIsComputedFromWordsAndChunks() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.chunks("a", "b", "c"));
    ChatCompletionRequest request = ChatCompletionRequest.of("m",
        new SystemMessage("be  brief"), new UserMessage(" one two\tthree "));
    assertThat(backend.stream(request, CONTEXT).collect().usage()).isEqualTo(Usage.of(5, 3));
  }

  @Test
  void explicitUsageAndFinishReasonAreReported() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(
        ScriptedReply.text("cut").withUsage(Usage.of(100, 7)).withFinishReason(FinishReason.LENGTH));
    ChatCompletionResponse response = backend.stream(ask("x"), CONTEXT).collect();
    assertThat(response.usage()).isEqualTo(Usage.of(100, 7));
    assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void modelNameComesFromTheRequestOrTheDefault() {
    ScriptedModelBackend backend = ScriptedModelBackend.builder().echo().model("tiny").build();
    assertThat(backend.stream(ask("x"), CONTEXT).collect().model()).isEqualTo("tiny");
    assertThat(backend.stream(ask("x").withModel("gpt-4o"), CONTEXT).collect().model()).isEqualTo("gpt-4o");
    assertThat(ScriptedModelBackend.echo().name()).isEqualTo("scripted");
  }

  @Test
  void echoRepeatsTheLastUserMessageOneCodePointPerChunk() {
    ScriptedModelBackend backend = ScriptedModelBackend.echo();
    ChatCompletionRequest request = ask("ignored").plusMessage(new UserMessage("a😀e\u0301"));
    List<ChatCompletionChunk> chunks = backend.stream(request, CONTEXT).drain();
    assertThat(chunks).extracting(c -> c.choices().isEmpty() ? null : c.choices().get(0).delta().content())
        .containsExactly("", "a", "😀", "e", "\u0301", null, null);
  }

  @Test
  void failureAfterKChunksSurfacesFromNext() {
    ModelInvocationException failure = new ModelInvocationException("connection reset", null);
    ScriptedModelBackend backend =
        ScriptedModelBackend.of(ScriptedReply.chunks("a", "b", "c").failingAfter(2, failure));
    CompletionStream stream = backend.stream(ask("x"), CONTEXT);
    assertThat(stream.next()).isNotNull();
    assertThat(stream.next().choices().get(0).delta().content()).isEqualTo("a");
    assertThatThrownBy(stream::next).isSameAs(failure);
    assertThat(stream.next()).as("next() after the failure").isNull();
    stream.close();
    assertThat(backend.chunksProduced()).isEqualTo(2);
    assertThat(backend.wasCancelled()).as("a failure is not a cancellation").isFalse();
    assertThat(backend.openStreams()).isZero();
  }

  @Test
  void failureOnStartIsThrownByStream() {
    ModelInvocationException failure =
        new ModelInvocationException(ErrorType.BACKEND_UNAVAILABLE, "connection refused", 503, null);
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("never").failingOnStart(failure));
    assertThatThrownBy(() -> backend.stream(ask("x"), CONTEXT)).isSameAs(failure);
    assertThat(backend.requests()).hasSize(1);
    assertThat(backend.streamsOpened()).isZero();
  }

  @Test
  void delaysAreAppliedBeforeTheFirstAndEveryLaterChunk() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.chunks("a", "b")
        .withFirstChunkDelay(Duration.ofMillis(150)).withChunkDelay(Duration.ofMillis(40)));
    long start = System.nanoTime();
    CompletionStream stream = backend.stream(ask("x"), CONTEXT);
    assertThat(stream.next()).isNotNull();
    long first = System.nanoTime() - start;
    stream.drain(); // 4 more chunks: a, b, finish, usage
    long all = System.nanoTime() - start;
    assertThat(Duration.ofNanos(first)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(Duration.ofNanos(all)).isGreaterThanOrEqualTo(Duration.ofMillis(150 + 4 * 40));
  }

  @Test
  void closingFromAnotherThreadUnblocksAWaitingNextPromptly() throws Exception {
    ScriptedModelBackend backend =
        ScriptedModelBackend.of(ScriptedReply.chunks("a", "b").withChunkDelay(Duration.ofMinutes(10)));
    CompletionStream stream = backend.stream(ask("x"), CONTEXT);
    assertThat(stream.next()).as("role chunk, without delay").isNotNull();
    AtomicReference<@Nullable Object> result = new AtomicReference<>("not returned");
    Thread consumer = Thread.ofVirtual().start(() -> result.set(stream.next()));
    awaitWaiting(consumer);
    long start = System.nanoTime();
    stream.close();
    consumer.join(Duration.ofSeconds(5));
    assertThat(consumer.isAlive()).as("consumer still waiting").isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(result.get()).as("what the waiting next() returned").isNull();
    assertThat(backend.wasCancelled()).isTrue();
    assertThat(backend.chunksProduced()).as("chunks produced: only the role chunk").isEqualTo(1);
    assertThat(backend.openStreams()).isZero();
  }

  @Test
  void interruptingAWaitingNextCancelsGeneration() throws Exception {
    ScriptedModelBackend backend =
        ScriptedModelBackend.of(ScriptedReply.text("late").withFirstChunkDelay(Duration.ofMinutes(10)));
    CompletionStream stream = backend.stream(ask("x"), CONTEXT);
    AtomicReference<@Nullable Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>(false);
    Thread consumer = Thread.ofVirtual().start(() -> {
      try {
        stream.next();
      } catch (ModelInvocationException e) {
        thrown.set(e);
        stillInterrupted.set(Thread.currentThread().isInterrupted());
      }
    });
    awaitWaiting(consumer);
    consumer.interrupt();
    consumer.join(Duration.ofSeconds(5));
    assertThat(thrown.get()).isInstanceOf(ModelInvocationException.class);
    assertThat(((ModelInvocationException) thrown.get()).type()).isEqualTo(ErrorType.CANCELLED);
    assertThat(stillInterrupted.get()).as("interrupt flag restored").isTrue();
    assertThat(backend.wasCancelled()).isTrue();
    assertThat(stream.next()).isNull();
    stream.close();
    assertThat(backend.cancelledStreams()).as("cancellation counted once").isEqualTo(1);
    assertThat(backend.chunksProduced()).isZero();
  }

  @Test
  void closingEarlyStopsProductionAndReadingToTheEndIsNoCancellation() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(
        ScriptedReply.text("abcdef").splitPerCodePoint(), ScriptedReply.text("abc").splitPerCodePoint());
    CompletionStream early = backend.stream(ask("x"), CONTEXT);
    early.next();
    early.next();
    early.close();
    early.close();
    assertThat(early.next()).isNull();
    assertThat(backend.chunksProduced()).isEqualTo(2);
    assertThat(backend.cancelledStreams()).isEqualTo(1);

    CompletionStream full = backend.stream(ask("y"), CONTEXT);
    while (full.next() != null) {
      // read to the end
    }
    full.close();
    assertThat(backend.cancelledStreams()).isEqualTo(1);
    assertThat(backend.streamsClosed()).isEqualTo(2);
    assertThat(backend.openStreams()).isZero();
  }

  @Test
  void closedBackendClosesItsStreamsAndRefusesRequests() {
    ScriptedModelBackend backend = ScriptedModelBackend.echo();
    CompletionStream stream = backend.stream(ask("hello"), CONTEXT);
    backend.close();
    assertThat(stream.next()).isNull();
    assertThat(backend.openStreams()).isZero();
    assertThatThrownBy(() -> backend.stream(ask("again"), CONTEXT))
        .isInstanceOfSatisfying(ModelInvocationException.class,
            e -> assertThat(e.type()).isEqualTo(ErrorType.BACKEND_UNAVAILABLE));
  }

  /** Waits until a thread blocks (in a timed wait), so that close() or interrupt() hits the waiting next(). */
  private static void awaitWaiting(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(thread.getState()).isEqualTo(Thread.State.TIMED_WAITING);
  }
}
