package dev.confidant.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.RequestContext;
import dev.confidant.api.UserMessage;
import dev.confidant.core.ChatEngines;
import dev.confidant.pii.Pseudonymization;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.confidant.testkit.ScriptedToolCall;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine as a LangChain4j model: memory, guardrails, streaming and cancellation on top of pseudonymization. */
class ConfidantChatModelTest {
  private static final RequestContext MASKED =
      RequestContext.anonymous().with(Pseudonymization.KEY, Pseudonymization.ON);
  private final List<String> received = new CopyOnWriteArrayList<>();
  private ScriptedModelBackend backend = ScriptedModelBackend.echo();
  private ChatCompletionEngine engine;

  private ChatCompletionEngine engine(ScriptedModelBackend model) {
    backend = model;
    engine = ChatEngines.builder().addBackend(model).defaultBackend(model.name()).build();
    return engine;
  }

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  interface Assistant {
    String chat(@MemoryId String user, @dev.langchain4j.service.UserMessage String message);
  }

  /** Replies with the last user message's placeholders, as a model that only ever saw placeholders would. */
  private ScriptedReply placeholders(ChatCompletionRequest request) {
    request.messages().forEach(m -> received.add(m.text()));
    String last = request.messages().get(request.messages().size() - 1).text();
    String name = last.replaceAll("(?s).*?(\\[NAME_\\d+]).*", "$1");
    return ScriptedReply.text("Noted, " + name + ".");
  }

  @Test
  void memoryCarriesTheConversationAndTheModelNeverSeesTheName() {
    ChatModel model = ConfidantChatModel.builder(engine(ScriptedModelBackend.builder()
        .responder(this::placeholders).build())).context(MASKED).build();
    Assistant assistant = AiServices.builder(Assistant.class).chatModel(model)
        .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(10)).build();

    assertThat(assistant.chat("u1", "Please remember that my name is John Doe.")).isEqualTo("Noted, John Doe.");
    assertThat(assistant.chat("u1", "My name is still John Doe. Ready?")).isEqualTo("Noted, John Doe.");

    ChatCompletionRequest second = backend.requests().get(1);
    assertThat(second.messages()).hasSize(3); // the first exchange came back from memory
    assertThat(received).noneMatch(text -> text.contains("John Doe")).anyMatch(text -> text.contains("[NAME_1]"));
  }

  /** Fails an answer that still carries a placeholder, and asks the model again. */
  static final class NoPlaceholders implements OutputGuardrail {
    final AtomicInteger checked = new AtomicInteger();

    @Override
    public OutputGuardrailResult validate(AiMessage message) {
      checked.incrementAndGet();
      return message.text().contains("[") ? reprompt("placeholder left", "Answer without brackets.") : success();
    }
  }

  @Test
  void outputGuardrailsCheckTheRestoredAnswerAndCanAskAgain() {
    // [NAME_7] was never handed out, so it is not restored: the guardrail sees it and asks again.
    ScriptedModelBackend model = ScriptedModelBackend.of(ScriptedReply.text("Hello [NAME_7]."),
        ScriptedReply.text("Hello [NAME_1], welcome back."));
    NoPlaceholders guardrail = new NoPlaceholders();
    Assistant assistant = AiServices.builder(Assistant.class)
        .chatModel(ConfidantChatModel.builder(engine(model)).context(MASKED).build())
        .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(10))
        .outputGuardrails(guardrail)
        .build();

    assertThat(assistant.chat("u2", "I am John Doe.")).isEqualTo("Hello John Doe, welcome back.");
    assertThat(guardrail.checked).hasValue(2);
    assertThat(model.requests()).hasSize(2);
    assertThat(model.requests().get(1).messages()).last().satisfies(m ->
        assertThat(m.text()).isEqualTo("Answer without brackets."));
  }

  /** Collects what a LangChain4j streaming handler hears. */
  static final class Recorder implements StreamingChatResponseHandler {
    final StringBuilder partials = new StringBuilder();
    final List<String> toolFragments = new CopyOnWriteArrayList<>();
    final List<CompleteToolCall> toolCalls = new CopyOnWriteArrayList<>();
    final CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    volatile boolean cancelAfterFirst;

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
      partials.append(partial.text());
      if (cancelAfterFirst) {
        context.streamingHandle().cancel();
      }
    }

    @Override
    public void onPartialToolCall(PartialToolCall call) {
      toolFragments.add(call.partialArguments());
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall call) {
      toolCalls.add(call);
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
      done.complete(response);
    }

    @Override
    public void onError(Throwable error) {
      done.completeExceptionally(error);
    }
  }

  @Test
  void theStreamingModelStreamsRestoredTextAndToolCalls() throws Exception {
    ScriptedModelBackend model = ScriptedModelBackend.of(
        ScriptedReply.chunks("Hi [NA", "ME_1], ", "how can I help?"),
        ScriptedReply.toolCalls(ScriptedToolCall.of("call_9", "lookup", "{\"who\":\"[NAME_1]\"}").splitEvery(4)));
    ConfidantStreamingChatModel streaming = ConfidantChatModel.builder(engine(model))
        .context(MASKED.withThreadId("t-stream")).buildStreaming();

    Recorder text = new Recorder();
    streaming.chat(List.of(dev.langchain4j.data.message.UserMessage.from("I am John Doe.")), text);
    ChatResponse response = text.done.get(10, TimeUnit.SECONDS);
    assertThat(text.partials).hasToString("Hi John Doe, how can I help?");
    assertThat(response.aiMessage().text()).isEqualTo("Hi John Doe, how can I help?");
    assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(response.tokenUsage().totalTokenCount()).isPositive();

    Recorder tools = new Recorder();
    streaming.chat(ChatRequest.builder().messages(dev.langchain4j.data.message.UserMessage.from("Look me up: John Doe"))
        .toolSpecifications(dev.langchain4j.agent.tool.ToolSpecification.builder().name("lookup").build()).build(),
        tools);
    ChatResponse called = tools.done.get(10, TimeUnit.SECONDS);
    assertThat(String.join("", tools.toolFragments)).isEqualTo("{\"who\":\"John Doe\"}");
    assertThat(tools.toolCalls).singleElement().satisfies(c -> {
      assertThat(c.toolExecutionRequest().name()).isEqualTo("lookup");
      assertThat(c.toolExecutionRequest().arguments()).isEqualTo("{\"who\":\"John Doe\"}");
    });
    assertThat(called.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
  }

  @Test
  void cancellingTheStreamingHandleStopsTheModel() throws Exception {
    ScriptedModelBackend model = ScriptedModelBackend.of(ScriptedReply.chunks("one ", "two ", "three ", "four ")
        .withChunkDelay(Duration.ofMillis(50)));
    ConfidantStreamingChatModel streaming = ConfidantChatModel.builder(engine(model)).buildStreaming();
    Recorder recorder = new Recorder();
    recorder.cancelAfterFirst = true;
    streaming.chat("Count.", recorder);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!model.wasCancelled() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(model.wasCancelled()).as("the backend's stream was cancelled").isTrue();
    assertThat(recorder.partials).hasToString("one ");
    assertThat(recorder.done).as("no completion after a cancel").isNotDone();
  }

  static final class Calculator {
    @Tool("Adds two numbers")
    int add(int a, int b) {
      return a + b;
    }
  }

  interface MathTutor {
    String ask(String question);
  }

  @Test
  void aiServicesRunTheirToolsOnTheEnginesToolCalls() {
    ScriptedModelBackend model = ScriptedModelBackend.builder().responder(request -> {
      boolean answered = request.messages().get(request.messages().size() - 1)
          instanceof dev.confidant.api.ToolMessage;
      return answered ? ScriptedReply.text("2 + 3 = " + request.messages().get(request.messages().size() - 1).text())
          : ScriptedReply.toolCalls(ScriptedToolCall.of("call_add", "add", "{\"arg0\":2,\"arg1\":3}"));
    }).build();
    MathTutor tutor = AiServices.builder(MathTutor.class)
        .chatModel(ConfidantChatModel.builder(engine(model)).build()).tools(new Calculator()).build();

    assertThat(tutor.ask("What is 2 + 3?")).isEqualTo("2 + 3 = 5");
    assertThat(model.requests().get(0).tools().definitions()).singleElement().satisfies(tool -> {
      assertThat(tool.name()).isEqualTo("add");
      assertThat(tool.parameters().json()).contains("\"arg0\"").contains("\"integer\"");
    });
  }

  @Test
  void whatTheEngineHasNoFieldForFailsLoudly() {
    ChatModel model = ConfidantChatModel.builder(engine(ScriptedModelBackend.echo())).build();
    assertThatThrownBy(() -> model.chat(ChatRequest.builder()
        .messages(dev.langchain4j.data.message.UserMessage.from("hi")).topK(5).build()))
        .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("top_k");
    assertThat(backend.requests()).isEmpty();
    assertThat(model.chat("echo me")).isEqualTo("echo me");
    assertThat(backend.lastRequest().orElseThrow().messages()).containsExactly(new UserMessage("echo me"));
  }
}
