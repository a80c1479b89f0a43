package dev.confidant.testkit;

import static dev.confidant.testkit.CompletionAssertions.assertOpenAiChunkOrder;
import static dev.confidant.testkit.CompletionAssertions.assertWellFormedDeltas;
import static dev.confidant.testkit.CompletionAssertions.contentOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.RequestContext;
import dev.confidant.api.ToolCall;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.Tools;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link PipelineStage} must pass, run through a {@link StageHarness} that ends in a
 * {@link ScriptedModelBackend}: the stage proceeds exactly once, returns a stream, keeps OpenAI's chunk order,
 * closes the upstream, propagates model failures, stays thread-safe, and leaves text it has nothing to change
 * untouched however the model splits it, including inside surrogate pairs' neighbours, combining sequences and ZWJ
 * sequences. Extend it, implement {@link #stage()}, and override the hooks where the stage needs it; opt out of a
 * test (with a reason) by overriding it without {@code @Test}.
 *
 * {@snippet class=dev.confidant.testkit.PassThroughStageContractTest region=contract}
 *
 * <p>Not thread-safe itself; JUnit makes one instance per test method.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class AbstractPipelineStageContractTest {

  /** For subclasses. */
  protected AbstractPipelineStageContractTest() {}

  /** The stage under test; called one or more times per test, may return the same instance. */
  protected abstract PipelineStage stage();

  /** Whether the stage runs in {@code TOOL_LOOP} and so may call {@code proceed} repeatedly. */
  protected boolean mayProceedRepeatedly() {
    return false;
  }

  /** A fresh per-call context; the default is anonymous. */
  protected StageContext context() {
    return new StageContext(RequestContext.anonymous());
  }

  /** The request the stage receives for a user message; the default names model {@code scripted}. */
  protected ChatCompletionRequest request(String userText) {
    return ChatCompletionRequest.of(ScriptedModelBackend.NAME, new UserMessage(userText));
  }

  /** Text the stage has nothing to change in, neither in the request nor in the reply. */
  protected String unchangedText() {
    return UnicodeSamples.MIXED;
  }

  /** The stage returns a stream, never {@code null}. */
  @Test
  public void stageReturnsAStream() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text(unchangedText()));
    CompletionStream stream = harness(backend).stream(request(unchangedText()), context());
    assertThat(stream).as("stream returned by the stage").isNotNull();
    stream.close();
  }

  /** The stage calls {@code proceed} once: one request reaches the model. */
  @Test
  public void stageProceedsExactlyOnce() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text(unchangedText()));
    harness(backend).stream(request(unchangedText()), context()).drain();
    assertThat(backend.requests()).as("requests that reached the model").hasSize(1);
  }

  /** What the stage returns keeps OpenAI's chunk order, the usage chunk included, and well-formed deltas. */
  @Test
  public void outputFollowsOpenAiChunkOrder() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text(unchangedText()).splitEvery(3));
    List<ChatCompletionChunk> chunks = harness(backend).stream(request(unchangedText()), context()).drain();
    assertOpenAiChunkOrder(chunks);
    assertWellFormedDeltas(chunks);
  }

  /** Streaming and collecting the same reply give the same text. */
  @Test
  public void streamingAndCollectingGiveTheSameText() {
    ScriptedReply reply = ScriptedReply.text(unchangedText()).splitEvery(2);
    List<ChatCompletionChunk> chunks = run(reply).drain();
    ChatCompletionResponse collected = run(reply).collect();
    assertThat(collected.message().text()).as("collected vs streamed text").isEqualTo(contentOf(chunks));
  }

  /**
   * The {@link #unchangedText()} reply, split in two at every code-point boundary (inside combining, ZWJ and flag
   * sequences), comes out unchanged.
   */
  @Test
  public void textSplitAtEveryCodePointBoundarySurvivesUnchanged() {
    String text = unchangedText();
    for (int at = text.offsetByCodePoints(0, 1); at < text.length(); at = text.offsetByCodePoints(at, 1)) {
      String out = run(ScriptedReply.text(text).splitAt(at)).collect().message().text();
      assertThat(out).as("reply split at char %d: \"%s\" | \"%s\"", at, Utf16.escape(text.substring(0, at)),
          Utf16.escape(text.substring(at))).isEqualTo(text);
    }
  }

  /**
   * The {@link #unchangedText()} reply in fragments of 1 to 4 code points comes out unchanged, with well-formed deltas.
   */
  @Test
  public void textSplitIntoSmallFragmentsSurvivesUnchanged() {
    String text = unchangedText();
    for (int size = 1; size <= 4; size++) {
      List<ChatCompletionChunk> chunks = run(ScriptedReply.text(text).splitEvery(size)).drain();
      assertWellFormedDeltas(chunks);
      assertThat(contentOf(chunks)).as("reply in fragments of %d code points", size).isEqualTo(text);
    }
  }

  /** Empty content deltas and an empty reply pass without harm. */
  @Test
  public void emptyContentChunksAreHarmless() {
    String text = unchangedText();
    int cut = text.offsetByCodePoints(0, Math.min(3, text.codePointCount(0, text.length())));
    ScriptedReply reply = ScriptedReply.chunks("", text.substring(0, cut), "", text.substring(cut), "");
    assertThat(run(reply).collect().message().text()).isEqualTo(text);
    assertThat(run(ScriptedReply.text("")).collect().message().text()).as("empty reply").isEmpty();
  }

  /** A tool call whose arguments stream one code point per chunk comes out unchanged. */
  @Test
  public void toolCallFragmentsSurviveUnchanged() {
    String arguments = "{\"text\":\"" + unchangedText().replace("\"", "\\\"") + "\"}";
    ScriptedToolCall call = ScriptedToolCall.of("call_1", "lookup", arguments).splitEvery(1);
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.toolCalls(call));
    ChatCompletionRequest request = request(unchangedText())
        .withTools(Tools.of(new ToolDefinition("lookup", "Looks text up.", null, null)));
    ChatCompletionResponse response = harness(backend).stream(request, context()).collect();
    assertThat(response.message().toolCalls()).as("tool calls").containsExactly(new ToolCall("call_1", "lookup",
        arguments));
  }

  /**
   * Closing the returned stream after the first chunk closes the model stream, and {@code next()} then returns {@code
   * null}.
   */
  @Test
  public void closingTheStreamClosesTheUpstream() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text(unchangedText()).splitPerCodePoint());
    CompletionStream stream = harness(backend).stream(request(unchangedText()), context());
    assertThat(stream.next()).as("first chunk").isNotNull();
    stream.close();
    assertThat(backend.openStreams()).as("model streams left open after close()").isZero();
    assertThat(stream.next()).as("next() after close()").isNull();
  }

  /** Closing the returned stream before reading closes the model stream. */
  @Test
  public void closingBeforeReadingClosesTheUpstream() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text(unchangedText()).splitPerCodePoint());
    harness(backend).stream(request(unchangedText()), context()).close();
    assertThat(backend.openStreams()).as("model streams left open after close()").isZero();
  }

  /** Reading the returned stream to its end and closing it closes the model stream, which is not cut short. */
  @Test
  public void drainingTheStreamClosesTheUpstream() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text(unchangedText()).splitEvery(5));
    harness(backend).stream(request(unchangedText()), context()).drain();
    assertThat(backend.openStreams()).as("model streams left open after draining").isZero();
    assertThat(backend.wasCancelled()).as("model stream stopped early").isFalse();
  }

  /**
   * A model failure after a few chunks reaches the caller as a {@link ChatEngineException}, and the model stream is
   * closed.
   */
  @Test
  public void modelFailureSurfacesAndClosesTheUpstream() {
    ModelInvocationException failure = new ModelInvocationException("scripted failure after 3 chunks", null);
    ScriptedModelBackend backend =
        ScriptedModelBackend.of(ScriptedReply.text(unchangedText()).splitEvery(2).failingAfter(3, failure));
    assertThatThrownBy(() -> harness(backend).stream(request(unchangedText()), context()).drain())
        .as("failure of the model after 3 chunks").isInstanceOf(ChatEngineException.class);
    assertThat(backend.openStreams()).as("model streams left open after the failure").isZero();
  }

  /** One stage instance serves concurrent requests, each getting its own reply. */
  @Test
  public void concurrentRequestsDoNotInterfere() throws Exception {
    PipelineStage stage = stage();
    String text = unchangedText();
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    try {
      List<Future<String>> futures = new ArrayList<>();
      List<String> expectations = new ArrayList<>();
      for (int i = 0; i < Math.min(8, text.codePointCount(0, text.length())); i++) {
        String expected = text.substring(text.offsetByCodePoints(0, i)); // a different reply per request
        expectations.add(expected);
        ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text(expected).splitEvery(1 + i % 3));
        futures.add(executor.submit(() -> harness(stage, backend).stream(request(text), context()).collect()
            .message().text()));
      }
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get(30, TimeUnit.SECONDS)).as("reply of request %d", i)
            .isEqualTo(expectations.get(i));
      }
    } finally {
      executor.shutdownNow();
    }
  }

  /** A harness with {@link #stage()} in front of the backend, as a tool-loop stage if it may proceed repeatedly. */
  protected StageHarness harness(ScriptedModelBackend backend) {
    return harness(stage(), backend);
  }

  private StageHarness harness(PipelineStage stage, ScriptedModelBackend backend) {
    StageHarness.Builder builder = StageHarness.builder(backend);
    return (mayProceedRepeatedly() ? builder.toolLoopStage(stage) : builder.stage(stage)).build();
  }

  private CompletionStream run(ScriptedReply reply) {
    return harness(ScriptedModelBackend.of(reply)).stream(request(unchangedText()), context());
  }
}
