package dev.confidant.core.internal.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.FinishReason;
import dev.confidant.api.RawJson;
import dev.confidant.api.RequestContext;
import dev.confidant.api.ToolCall;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.ToolExecutionException;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.Tools;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageContext;
import dev.confidant.api.spi.ToolProvider;
import dev.confidant.core.AccessPolicy;
import dev.confidant.core.ToolOptions;
import dev.confidant.core.internal.pipeline.AccessControl;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.confidant.testkit.ScriptedToolCall;
import dev.confidant.testkit.StageHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tool loop on the scripted backend: modes, rounds, limits, failures, client/server mix. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ToolLoopStageTest {
  private static final ToolDefinition LOOKUP = new ToolDefinition("lookup", "Client-side lookup.", null, null);
  private static final ChatCompletionRequest ASK =
      ChatCompletionRequest.of(ScriptedModelBackend.NAME, new UserMessage("Weather in Köln?"));

  private static ScriptedReply callWeather(String id, String city) {
    return ScriptedReply.toolCalls(ScriptedToolCall.of(id, "weather", "{\"city\":\"" + city + "\"}").splitEvery(3));
  }

  private static ChatCompletionResponse run(PipelineStage stage, ScriptedModelBackend backend,
      ChatCompletionRequest request) {
    return StageHarness.builder(backend).toolLoopStage(stage).build().complete(request);
  }

  private static List<String> toolNames(ChatCompletionRequest request) {
    return request.tools().definitions().stream().map(ToolDefinition::name).toList();
  }

  @Test
  void serverToolCallIsRunAndItsResultFedBackToTheModel() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(callWeather("call_1", "Köln"),
        ScriptedReply.text("It is sunny in Köln.").splitEvery(4));
    ChatCompletionResponse response = run(ToolFixtures.stage(ToolFixtures.weather()), backend, ASK);

    assertThat(response.message().text()).isEqualTo("It is sunny in Köln.");
    assertThat(response.message().toolCalls()).isEmpty();
    assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(backend.requests()).hasSize(2);
    assertThat(toolNames(backend.requests().get(0))).containsExactly("weather");
    List<ChatMessage> second = backend.requests().get(1).messages();
    assertThat(second).hasSize(3);
    assertThat(((AssistantMessage) second.get(1)).toolCalls())
        .containsExactly(new ToolCall("call_1", "weather", "{\"city\":\"Köln\"}"));
    assertThat(second.get(2)).isEqualTo(new ToolMessage("Köln: sunny", "call_1"));
    assertThat(backend.openStreams()).isZero();
  }

  @Test
  void everyToolChoiceModeReachesTheBackend() {
    List<ToolChoice> choices = new ArrayList<>(Arrays.asList(ToolChoice.Mode.values()));
    choices.add(new ToolChoice.Function("lookup"));
    choices.add(null);
    for (ToolChoice choice : choices) {
      ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("ok"));
      ChatCompletionRequest request = ASK.withTools(new Tools(List.of(LOOKUP), choice, false));
      run(ToolFixtures.stage(ToolFixtures.weather()), backend, request);
      ChatCompletionRequest seen = backend.lastRequest().orElseThrow();
      assertThat(seen.tools().choice()).as("tool_choice %s", choice).isEqualTo(choice);
      assertThat(seen.tools().parallelToolCalls()).as("parallel_tool_calls").isFalse();
      assertThat(toolNames(seen)).as("tools offered with tool_choice %s", choice)
          .isEqualTo(choice == ToolChoice.Mode.NONE ? List.of("lookup") : List.of("lookup", "weather"));
    }
  }

  @Test
  void requiredChoiceBecomesAutoOnceAServerRoundRan() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(callWeather("call_1", "Bonn"), ScriptedReply.text("ok"));
    run(ToolFixtures.stage(ToolFixtures.weather()), backend,
        ASK.withTools(new Tools(List.of(LOOKUP), ToolChoice.Mode.REQUIRED, null)));
    assertThat(backend.requests().get(0).tools().choice()).isEqualTo(ToolChoice.Mode.REQUIRED);
    assertThat(backend.requests().get(1).tools().choice()).isEqualTo(ToolChoice.Mode.AUTO);
  }

  @Test
  void parallelCallsRunConcurrentlyAndAreAnsweredInOrder() {
    CountDownLatch bothStarted = new CountDownLatch(2);
    ToolProvider meeting = ToolProvider.of("weather", "Waits for the other call.", ToolFixtures.CITY_SCHEMA,
        (arguments, context) -> {
          bothStarted.countDown();
          // Sequential execution would wait here in vain.
          return bothStarted.await(5, TimeUnit.SECONDS) ? context.callId() + " done" : "alone";
        });
    ScriptedModelBackend backend = ScriptedModelBackend.of(
        ScriptedReply.toolCalls(ScriptedToolCall.of("call_a", "weather", "{\"city\":\"A\"}"),
            ScriptedToolCall.of("call_b", "weather", "{\"city\":\"B\"}").splitEvery(1)),
        ScriptedReply.text("both"));
    run(ToolFixtures.stage(meeting), backend, ASK);
    List<ChatMessage> second = backend.requests().get(1).messages();
    assertThat(second.subList(2, 4)).containsExactly(
        new ToolMessage("call_a done", "call_a"), new ToolMessage("call_b done", "call_b"));
  }

  @Test
  void maxRoundsReachedGivesTheModelALastTurnWithoutServerTools() {
    AtomicInteger calls = new AtomicInteger();
    ScriptedModelBackend backend = ScriptedModelBackend.builder()
        .responder(request -> toolNames(request).contains("weather")
            ? callWeather("call_" + calls.incrementAndGet(), "Köln")
            : ScriptedReply.text("Best I can say: sunny."))
        .build();
    PipelineStage stage = ToolFixtures.stage(List.of(ToolFixtures.weather()), Map.of(ToolOptions.MAX_ROUNDS, 2));
    ChatCompletionResponse response = run(stage, backend, ASK);
    assertThat(response.message().text()).isEqualTo("Best I can say: sunny.");
    assertThat(backend.requests()).hasSize(3);
    assertThat(toolNames(backend.requests().get(2))).isEmpty();
    assertThat(backend.requests().get(2).messages()).hasSize(5); // user, 2 x (assistant + tool)
  }

  @Test
  void totalTimeBudgetEndsTheLoopWithALastTurn() {
    ToolProvider slow = ToolProvider.of("weather", "Slow.", ToolFixtures.CITY_SCHEMA, (arguments, context) -> {
      Thread.sleep(300);
      return "sunny";
    });
    AtomicInteger calls = new AtomicInteger();
    ScriptedModelBackend backend = ScriptedModelBackend.builder()
        .responder(request -> toolNames(request).contains("weather")
            ? callWeather("call_" + calls.incrementAndGet(), "Köln")
            : ScriptedReply.text("out of time"))
        .build();
    PipelineStage stage = ToolFixtures.stage(List.of(slow), Map.of(ToolOptions.MAX_TOTAL_TIME,
        Duration.ofMillis(450), ToolOptions.CALL_TIMEOUT, Duration.ofSeconds(5)));
    assertThat(run(stage, backend, ASK).message().text()).isEqualTo("out of time");
    assertThat(backend.requests()).hasSize(3);
    assertThat(backend.requests().get(1).messages().get(2).text()).isEqualTo("sunny");
    assertThat(backend.requests().get(2).messages().get(4).text()).contains("did not answer within");
    assertThat(toolNames(backend.requests().get(2))).isEmpty();
  }

  @Test
  void serverCallAfterTheLimitFailsInsteadOfLooping() {
    AtomicInteger calls = new AtomicInteger();
    ScriptedModelBackend backend = ScriptedModelBackend.builder()
        .responder(request -> callWeather("call_" + calls.incrementAndGet(), "Köln")).build();
    PipelineStage stage = ToolFixtures.stage(List.of(ToolFixtures.weather()), Map.of(ToolOptions.MAX_ROUNDS, 3));
    assertThatThrownBy(() -> run(stage, backend, ASK))
        .isInstanceOf(ToolExecutionException.class)
        .hasMessageContaining("server tool 'weather' after the tool loop's limit (3 rounds");
    assertThat(backend.requests()).hasSize(4);
    assertThat(backend.openStreams()).isZero();
  }

  @Test
  void failingToolTellsTheModelWhatWentWrong() {
    ToolProvider broken = ToolProvider.of("weather", "Broken.", ToolFixtures.CITY_SCHEMA, (arguments, context) -> {
      throw new IllegalStateException("weather service unavailable");
    });
    ScriptedModelBackend backend = ScriptedModelBackend.of(callWeather("call_1", "Köln"), ScriptedReply.text("Sorry."));
    assertThat(run(ToolFixtures.stage(broken), backend, ASK).message().text()).isEqualTo("Sorry.");
    assertThat(backend.requests().get(1).messages().get(2).text())
        .startsWith("Error: tool 'weather' failed: weather service unavailable.")
        .contains("call it again, or answer without it");
  }

  @Test
  void timingOutToolIsInterruptedAndTheModelTold() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    ToolProvider slow = ToolProvider.of("weather", "Slow.", ToolFixtures.CITY_SCHEMA, (arguments, context) -> {
      try {
        Thread.sleep(30_000);
        return "late";
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
    });
    PipelineStage stage = ToolFixtures.stage(List.of(slow), Map.of(ToolOptions.CALL_TIMEOUT, Duration.ofMillis(200)));
    ScriptedModelBackend backend = ScriptedModelBackend.of(callWeather("call_1", "Köln"), ScriptedReply.text("Hm."));
    long start = System.nanoTime();
    run(stage, backend, ASK);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(backend.requests().get(1).messages().get(2).text())
        .startsWith("Error: tool 'weather' did not answer within 200 ms and was stopped.");
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("tool thread interrupted").isTrue();
  }

  @Test
  void invalidArgumentsAreReportedToTheModelAndTheToolIsNotRun() {
    AtomicInteger runs = new AtomicInteger();
    ToolProvider counted = ToolProvider.of("weather", "Counts.", ToolFixtures.CITY_SCHEMA, (arguments, context) -> {
      runs.incrementAndGet();
      return "ran";
    });
    ScriptedModelBackend backend = ScriptedModelBackend.of(
        ScriptedReply.toolCalls(ScriptedToolCall.of("call_1", "weather", "{\"days\":\"two\",\"town\":1}")),
        ScriptedReply.toolCalls(ScriptedToolCall.of("call_2", "weather", "{\"city\": \"Kö")),
        ScriptedReply.text("ok"));
    run(ToolFixtures.stage(counted), backend, ASK);
    assertThat(runs).hasValue(0);
    String first = backend.requests().get(1).messages().get(2).text();
    assertThat(first).startsWith("Error: invalid arguments for tool 'weather': ")
        .contains("$: required property 'city' not found")
        .contains("$.days: string found, integer expected")
        .contains("$: property 'town' is not defined in the schema");
    assertThat(backend.requests().get(2).messages().get(4).text()).contains("the arguments are not valid JSON");
  }

  @Test
  void mixedTurnRunsServerCallsAndReturnsOnlyTheClientCalls() {
    AtomicInteger runs = new AtomicInteger();
    ToolProvider counted = ToolProvider.of("weather", "Counts.", ToolFixtures.CITY_SCHEMA, (arguments, context) -> {
      runs.incrementAndGet();
      return "sunny";
    });
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.toolCalls(
        ScriptedToolCall.of("call_s", "weather", "{\"city\":\"Köln\"}").splitEvery(2),
        ScriptedToolCall.of("call_c", "lookup", "{\"q\":\"x\"}").splitEvery(2)));
    ChatCompletionResponse response = run(ToolFixtures.stage(counted), backend, ASK.withTools(Tools.of(LOOKUP)));
    assertThat(response.message().toolCalls()).containsExactly(new ToolCall("call_c", "lookup", "{\"q\":\"x\"}"));
    assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(runs).hasValue(1);
    assertThat(backend.requests()).hasSize(1);
  }

  @Test
  void clientToolOfTheSameNameShadowsTheServerTool() {
    AtomicInteger runs = new AtomicInteger();
    ToolProvider counted = ToolProvider.of("weather", "Counts.", ToolFixtures.CITY_SCHEMA, (arguments, context) -> {
      runs.incrementAndGet();
      return "sunny";
    });
    ScriptedModelBackend backend = ScriptedModelBackend.of(callWeather("call_1", "Köln"));
    ChatCompletionRequest request = ASK.withTools(Tools.of(new ToolDefinition("weather", "Client's.", null, null)));
    ChatCompletionResponse response = run(ToolFixtures.stage(counted), backend, request);
    assertThat(response.message().toolCalls()).extracting(ToolCall::name).containsExactly("weather");
    assertThat(runs).hasValue(0);
    assertThat(backend.lastRequest().orElseThrow()).isEqualTo(request); // passed through untouched
  }

  @Test
  void spaceAccessDecidesWhichServerToolsAreOffered() {
    ToolOptions.Access access = ToolOptions.Access.NONE_BY_DEFAULT.withSpace("space_a", Set.of("weather"));
    PipelineStage stage = ToolFixtures.stage(List.of(ToolFixtures.weather(), ToolProvider.of("clock", "Time.",
        RawJson.of("{\"type\":\"object\"}"), (a, c) -> "noon")), Map.of(AccessControl.POLICY, AccessPolicy.OPEN.withTools(access)));
    for (String space : new String[] {"space_a", "space_b", null}) {
      ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("ok"));
      StageHarness.builder(backend).toolLoopStage(stage).build()
          .stream(ASK, new StageContext(RequestContext.of("ada", space))).drain();
      assertThat(toolNames(backend.lastRequest().orElseThrow())).as("tools offered in %s", space)
          .isEqualTo("space_a".equals(space) ? List.of("weather") : List.of());
    }
  }

  @Test
  void withoutServerToolsRequestsPassThroughUntouched() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("hi"));
    ChatCompletionRequest request = ASK.withTools(Tools.of(LOOKUP));
    run(ToolFixtures.stage(), backend, request);
    assertThat(backend.lastRequest().orElseThrow()).isEqualTo(request);
  }

  @Test
  void toolSeesTheCallersContext() {
    List<String> seen = new ArrayList<>();
    ToolProvider spy = ToolProvider.of("weather", "Spy.", ToolFixtures.CITY_SCHEMA, (arguments, context) -> {
      seen.add(context.request().principal() + "@" + context.request().spaceId() + " " + context.callId());
      return "ok";
    });
    ScriptedModelBackend backend = ScriptedModelBackend.of(callWeather("call_9", "Köln"), ScriptedReply.text("ok"));
    StageHarness.builder(backend).toolLoopStage(ToolFixtures.stage(spy)).build()
        .stream(ASK, new StageContext(RequestContext.of("ada", "space_a"))).drain();
    assertThat(seen).containsExactly("ada@space_a call_9");
  }
}
