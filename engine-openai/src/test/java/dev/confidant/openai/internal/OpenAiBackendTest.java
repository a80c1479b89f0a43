package dev.confidant.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ErrorType;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.RawJson;
import dev.confidant.api.RequestContext;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.Role;
import dev.confidant.api.Sampling;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.Tools;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.TracePropagation;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.core.remote.UpstreamFailures;
import dev.confidant.openai.ModelEndpoint;
import dev.confidant.testkit.AbstractRemoteBackendFaultTest;
import dev.confidant.testkit.CompletionAssertions;
import dev.confidant.testkit.FakeModelServer;
import dev.confidant.testkit.Fault;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The {@code openai} backend against the fake server: the fault kit, every field on the wire, and what comes back. */
class OpenAiBackendTest extends AbstractRemoteBackendFaultTest {
  /** What an internal service might answer a caller who points its model endpoint at it. */
  private static final String PASSWD = "root:x:0:0:root:/root:/bin/bash";

  @Override
  protected ModelBackend backend(Timeouts t) {
    return new OpenAiBackend("openai", server.baseUrl() + "/v1", SECRET,
        new ModelTimeouts(t.connect(), t.firstToken(), t.total()), Clock.systemUTC());
  }

  @Override
  protected @Nullable Duration retryAfter(ModelInvocationException failure) {
    return UpstreamFailures.retryAfter(failure);
  }

  @Test
  void everyFieldReachesTheWireExactlyAsTheCodecWritesIt() {
    ToolDefinition tool = new ToolDefinition("lookup", "Looks up", RawJson.of("{\"type\":\"object\"}"), null);
    ResponseFormat format = new ResponseFormat.JsonSchema("answer", "The answer", RawJson.of(
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"pattern\":\"^x\"}}}"), true);
    Sampling sampling = new Sampling(0.2, 0.9, 50, null, List.of("END"), (1L << 40) + 5, 0.1, 0.2,
        Map.of("50256", -100));
    Map<String, RawJson> extra = new LinkedHashMap<>();
    extra.put("service_tier", RawJson.of("\"flex\""));
    extra.put("metadata", RawJson.of("{\"ticket\":\"T-1\"}"));
    extra.put("x_vendor_option", RawJson.of("[1,{\"deep\":true}]"));
    ChatCompletionRequest request = hello().withSampling(sampling)
        .withTools(new Tools(List.of(tool), new ToolChoice.Function("lookup"), false))
        .withResponseFormat(format)
        .withOptions(new ResponseOptions(3, false, false, true, 4, "user-7"))
        .withExtraFields(extra);
    try (ModelBackend backend = backend(FAST)) {
      backend.stream(request, context()).drain();
    }
    assertThat(server.rawRequests().get(0)).isEqualTo("{\"model\":\"fake-model\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"one two three four five six\"}],"
        + "\"temperature\":0.2,\"top_p\":0.9,\"max_tokens\":50,\"stop\":[\"END\"],\"seed\":1099511627781,"
        + "\"frequency_penalty\":0.1,\"presence_penalty\":0.2,\"logit_bias\":{\"50256\":-100},"
        + "\"n\":3,\"stream\":true,\"stream_options\":{\"include_usage\":true},\"logprobs\":true,"
        + "\"top_logprobs\":4,\"user\":\"user-7\","
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"description\":\"Looks up\","
        + "\"parameters\":{\"type\":\"object\"}}}],"
        + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}},\"parallel_tool_calls\":false,"
        + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"answer\","
        + "\"description\":\"The answer\",\"schema\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\","
        + "\"pattern\":\"^x\"}}},\"strict\":true}},"
        + "\"service_tier\":\"flex\",\"metadata\":{\"ticket\":\"T-1\"},\"x_vendor_option\":[1,{\"deep\":true}]}");
    assertThat(server.headers().get(0).get("Authorization")).containsExactly("Bearer " + SECRET);
    assertThat(server.headers().get(0).get("Content-type")).containsExactly("application/json");
  }

  @Test
  void aTracedCallSendsItsTraceparentAndAnUntracedOneNone() {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    StageContext traced = context();
    traced.put(TracePropagation.TRACEPARENT, traceparent);
    try (ModelBackend backend = backend(FAST)) {
      backend.stream(hello(), traced).drain();
      backend.stream(hello(), context()).drain();
    }
    assertThat(server.headers().get(0).get("Traceparent")).containsExactly(traceparent);
    assertThat(server.headers().get(1).get("Traceparent")).isNull();
  }

  @Test
  void extraFieldsNeverReplaceTheFieldsTheEngineWrites() {
    Map<String, RawJson> extra = new LinkedHashMap<>();
    extra.put("stream", RawJson.of("false"));
    extra.put("model", RawJson.of("\"elsewhere\""));
    extra.put("messages", RawJson.of("[]"));
    try (ModelBackend backend = backend(FAST)) {
      assertThat(backend.stream(hello().withExtraFields(extra), context()).collect().message().text())
          .isEqualTo("one two three four five six");
    }
    JsonNode body = server.requests().get(0);
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("model").asText()).isEqualTo("fake-model");
    assertThat(body.path("messages")).hasSize(1);
  }

  @Test
  void severalChoicesAndTheirLogProbabilitiesComeBack() {
    ChatCompletionRequest request = ChatCompletionRequest.of("fake-model", new UserMessage("alpha beta gamma"))
        .withOptions(new ResponseOptions(2, null, null, true, 2, null));
    try (ModelBackend backend = backend(FAST)) {
      List<ChatCompletionChunk> chunks = backend.stream(request, context()).drain();
      CompletionAssertions.assertOpenAiChunkOrder(chunks);
      assertThat(chunks.stream().flatMap(c -> c.choices().stream()).map(c -> c.index()).distinct())
          .containsExactly(0, 1);
      ChatCompletionResponse response = CompletionStream.of(chunks).collect();
      assertThat(response.choices()).hasSize(2);
      assertThat(response.choices().get(0).message().text()).isEqualTo("alpha beta gamma");
      assertThat(response.choices().get(1).message().text()).isEqualTo("gammabeta alpha ");
      assertThat(response.usage().completionTokens()).isEqualTo(6);
      JsonNode logprobs = json(response.choices().get(0).logprobs());
      assertThat(logprobs.path("content")).hasSize(3);
      assertThat(logprobs.path("content").get(2).path("token").asText()).isEqualTo("gamma");
      assertThat(logprobs.path("content").get(2).path("top_logprobs")).hasSize(2);
      assertThat(logprobs.path("content").get(2).path("logprob").asDouble()).isEqualTo(-0.375);
      assertThat(json(response.choices().get(1).logprobs()).path("content").get(0).path("token").asText())
          .isEqualTo("gamma");
    }
  }

  @Test
  void adversarialFramingIsReadIntact() {
    server.adversarialFraming(true);
    String text = "Grüße 👋🏽 aus Zürich, naïve café — 𝄞 done";
    try (ModelBackend backend = backend(FAST)) {
      List<ChatCompletionChunk> chunks =
          backend.stream(ChatCompletionRequest.of("fake-model", new UserMessage(text)), context()).drain();
      CompletionAssertions.assertOpenAiChunkOrder(chunks);
      CompletionAssertions.assertWellFormedDeltas(chunks);
      assertThat(CompletionAssertions.contentOf(chunks)).isEqualTo(text);
    }
  }

  @Test
  void aRepeatedRoleIsDroppedAndEveryChunkHasTheStreamsId() {
    server.fail(new Fault.RawEvent(3, "{\"id\":\"other-id\",\"object\":\"chat.completion.chunk\",\"created\":7,"
        + "\"model\":\"fake-model\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"!\"},"
        + "\"finish_reason\":null}]}", false));
    try (ModelBackend backend = backend(FAST)) {
      List<ChatCompletionChunk> chunks = backend.stream(hello(), context()).drain();
      CompletionAssertions.assertOpenAiChunkOrder(chunks);
      assertThat(chunks.get(0).id()).startsWith("chatcmpl-").isNotEqualTo("chatcmpl-fake");
      assertThat(chunks.get(0).choices().get(0).delta().role()).isEqualTo(Role.ASSISTANT);
      assertThat(CompletionAssertions.contentOf(chunks)).isEqualTo("one two !three four five six");
    }
  }

  @Test
  void anErrorEventInTheStreamFailsItWithTheUpstreamsMessage() {
    ModelInvocationException e = failure(new Fault.RawEvent(2,
        "{\"error\":{\"message\":\"The model is overloaded\",\"type\":\"server_error\"}}", true), FAST);
    assertThat(e.type()).isEqualTo(ErrorType.BACKEND_ERROR);
    assertThat(e.getMessage()).contains("reported an error").contains("The model is overloaded");
  }

  @Test
  void eventsThatAreNotChunksOrTooLongAreProtocolErrors() {
    ModelInvocationException notAChunk = failure(new Fault.RawEvent(1, "{\"foo\":1}", false), FAST);
    assertThat(notAChunk.getMessage()).contains("not a chat.completion.chunk");
    ModelInvocationException tooLong = failure(new Fault.RawEvent(1,
        "\"" + "x".repeat(SseCompletionStream.MAX_EVENT_CHARS) + "\"", false), FAST);
    assertThat(tooLong.getMessage()).contains("longer than " + SseCompletionStream.MAX_EVENT_CHARS);
    assertThat(tooLong.type()).isEqualTo(ErrorType.BACKEND_ERROR);
  }

  @Test
  void aPerRequestEndpointReplacesTheConfiguredOne() {
    try (FakeModelServer own = FakeModelServer.start(); ModelBackend backend = backend(FAST)) {
      StageContext context = new StageContext(RequestContext.anonymous()
          .with(ModelEndpoint.KEY, new ModelEndpoint(own.baseUrl() + "/v1", "sk-space-own-key-123456")));
      assertThat(backend.usesCallerEndpoint(context.request())).isTrue();
      assertThat(backend.usesCallerEndpoint(RequestContext.anonymous())).isFalse();
      assertThat(backend.stream(hello(), context).collect().message().text()).isEqualTo("one two three four five six");
      assertThat(own.headers().get(0).get("Authorization")).containsExactly("Bearer sk-space-own-key-123456");
      assertThat(server.calls()).isZero();
    }
  }

  /** Issue 14 item 6: an endpoint the caller chose is never read back through error messages. */
  @Test
  void aCallersEndpointIsNeverQuotedInErrors() {
    try (FakeModelServer internal = FakeModelServer.start(); ModelBackend backend = backend(FAST)) {
      StageContext context = new StageContext(RequestContext.anonymous()
          .with(ModelEndpoint.KEY, new ModelEndpoint(internal.baseUrl() + "/v1", null)));
      internal.fail(new Fault.Status(500, null, "", PASSWD + "\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin"),
          new Fault.Status(404, null, "", "<html>Not Found: /internal/admin</html>"),
          new Fault.RawEvent(0, PASSWD, true),
          new Fault.RawEvent(1, "{\"error\":{\"message\":\"" + PASSWD + "\"}}", true),
          new Fault.RawEvent(1, "{\"secret\":\"" + PASSWD + "\"}", true));
      List<String> messages = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Throwable thrown = catchThrowable(() -> backend.stream(hello(), context).drain());
        assertThat(thrown).isInstanceOf(ModelInvocationException.class);
        messages.add(thrown.getMessage());
        assertThat(stackTrace(thrown)).doesNotContain("root:x").doesNotContain("/internal/admin");
      }
      assertThat(messages).containsExactly(
          "model backend 'openai': the model endpoint answered HTTP 500 (Internal Server Error)",
          "model backend 'openai': the model endpoint answered HTTP 404 (Not Found)",
          "model backend 'openai': malformed JSON in the model's stream",
          "model backend 'openai': the model's stream reported an error",
          "model backend 'openai': the model's stream sent an event that is not a chat.completion.chunk");
    }
  }

  /** A caller that takes the whole completion: the server is asked for one, and it reads as the stream would. */
  @Test
  void aCollectedCallAsksForTheWholeCompletionAndReadsAsTheStream() {
    ToolDefinition weather = new ToolDefinition("get_weather", "Weather by city", RawJson.of(
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"), null);
    try (ModelBackend backend = backend(FAST)) {
      for (ChatCompletionRequest request : List.of(hello(), hello().withTools(Tools.of(weather)))) {
        ChatCompletionResponse streamed = backend.stream(request, context()).collect();
        List<ChatCompletionChunk> chunks = backend.stream(request, collected()).drain();
        CompletionAssertions.assertOpenAiChunkOrder(chunks);
        assertThat(chunks).as("one chunk with the choice, then the usage chunk").hasSize(2);
        ChatCompletionResponse whole = CompletionStream.of(chunks).collect();
        assertThat(whole.choices()).usingRecursiveComparison().isEqualTo(streamed.choices());
        assertThat(whole.usage()).isEqualTo(streamed.usage());
        assertThat(whole.systemFingerprint()).isEqualTo("fp_fake");
      }
    }
    assertThat(server.requests().get(1).path("stream").asBoolean(true)).isFalse();
    assertThat(server.requests().get(1).has("stream_options")).as("refused by OpenAI without stream").isFalse();
    assertThat(server.headers().get(1).get("Accept")).containsExactly("application/json");
    assertThat(server.requests().get(0).path("stream").asBoolean()).isTrue();
  }

  @Test
  void aCollectedCallReportsAnErrorBodyAndReadsAServerThatStreamsAnyway() {
    server.fail(new Fault.Status(200, null, "", "{\"error\":{\"message\":\"The model is overloaded\"}}"));
    try (ModelBackend backend = backend(FAST)) {
      assertThat(catchThrowable(() -> backend.stream(hello(), collected()).drain()))
          .isInstanceOf(ModelInvocationException.class).hasMessageContaining("reported an error")
          .hasMessageContaining("The model is overloaded");
    }
    // A server that ignores "stream": false: its events are read as a stream's.
    server.alwaysStream(true);
    try (ModelBackend backend = backend(FAST)) {
      assertThat(backend.stream(hello(), collected()).collect().message().text())
          .isEqualTo("one two three four five six");
    }
  }

  private static StageContext collected() {
    StageContext context = context();
    context.put(ModelBackend.COLLECTED, true);
    return context;
  }

  @Test
  void aRequestWithoutAModelIsRejectedBeforeAnythingIsSent() {
    try (ModelBackend backend = backend(FAST)) {
      assertThatThrownBy(() -> backend.stream(ChatCompletionRequest.of(null, new UserMessage("hi")), context()))
          .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations().get(0).path())
              .isEqualTo("model"));
    }
    assertThat(server.calls()).isZero();
  }

  private static JsonNode json(@Nullable RawJson raw) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.util.Objects.requireNonNull(raw).json());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String stackTrace(Throwable t) {
    java.io.StringWriter out = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }
}
