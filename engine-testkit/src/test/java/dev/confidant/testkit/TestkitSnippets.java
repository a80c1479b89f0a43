package dev.confidant.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The code samples of this package's javadoc ({@code {@snippet class=... region=...}}); compiled with the tests. */
final class TestkitSnippets {
  private TestkitSnippets() {}

  static void cancellation(ScriptedModelBackend backend, ChatCompletionRequest request, StageContext context) {
    // @start region="cancellation"
    Set<Thread> before = Cancellation.liveThreads();
    CompletionStream stream = backend.stream(request, context);
    stream.next();
    long closedAt = System.nanoTime();
    stream.close();
    Duration took = Cancellation.awaitStop(closedAt, () -> backend.openStreams() == 0, Duration.ofSeconds(5));
    System.out.printf("close() to stopped: %.1f ms%n", took.toNanos() / 1e6); // a figure, not a verdict
    assertThat(stream.next()).isNull();
    assertThat(Cancellation.leftoverThreads(before, Duration.ofSeconds(1))).isEmpty();
    // @end
  }

  static void backend(ChatCompletionRequest request, StageContext context) {
    // @start region="scripted-backend"
    ScriptedModelBackend backend = ScriptedModelBackend.of(
        ScriptedReply.text("Hello, Jürgen 😀").splitPerCodePoint(),
        ScriptedReply.toolCalls(ScriptedToolCall.of("call_1", "weather", "{\"city\":\"Köln\"}").splitEvery(2)));
    ChatCompletionResponse reply = backend.stream(request, context).collect();
    assertThat(backend.requests()).hasSize(1);
    assertThat(backend.openStreams()).isZero();
    // @end
    assertThat(reply).isNotNull();
  }

  static void replies() {
    // @start region="scripted-tool-call"
    ScriptedToolCall call = ScriptedToolCall.of("call_1", "weather", "{\"city\":\"Zürich\"}").splitEvery(3);
    // @end
    // @start region="scripted-reply"
    ScriptedReply reply = ScriptedReply.text("Grüße 😀 e\u0301").splitEvery(1)
        .withChunkDelay(Duration.ofMillis(5))
        .failingAfter(3, new ModelInvocationException("connection reset", null));
    // @end
    assertThat(call).isNotNull();
    assertThat(reply).isNotNull();
  }

  static void harness(PipelineStage myStage) {
    // @start region="stage-harness"
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("Hi <PERSON_1>").splitPerCodePoint());
    StageHarness harness = StageHarness.of(myStage, backend);
    assertThat(harness.complete(ChatCompletionRequest.of("m", new UserMessage("Hi"))).message().text())
        .isEqualTo("Hi Ada");
    // @end
  }

  static void fakeServer(Function<String, ModelBackend> backendAt, ChatCompletionRequest request,
      StageContext context) {
    // @start region="fake-server"
    try (FakeModelServer server = FakeModelServer.start()) {
      ModelBackend backend = backendAt.apply(server.baseUrl() + "/v1"); // the backend under test
      backend.stream(request, context).drain();
      assertThat(server.rawRequests().get(0)).contains("\"service_tier\":\"flex\"");
    }
    // @end
  }

  /** Stands for the remote backend under test. */
  interface MyBackend {
    static ModelBackend create(String baseUrl, String apiKey, Duration connect, Duration firstToken,
        Duration total) {
      return ScriptedModelBackend.echo();
    }

    static @Nullable Duration retryAfter(ModelInvocationException failure) {
      return null;
    }
  }

  // @start region="fault-test"
  abstract static class MyBackendFaultTest extends AbstractRemoteBackendFaultTest {
    @Override
    protected ModelBackend backend(Timeouts t) {
      return MyBackend.create(server.baseUrl() + "/v1", SECRET, t.connect(), t.firstToken(), t.total());
    }

    @Override
    protected @Nullable Duration retryAfter(ModelInvocationException failure) {
      return MyBackend.retryAfter(failure); // where your backend keeps Retry-After
    }
  }
  // @end

  /** A provider module's test; not run here, since the test kit itself provides no service. */
  abstract static class ProviderModuleTest {
    // @start region="service-registrations"
    @Test
    void moduleInfoProvidesMatchMetaInfServices() {
      ServiceRegistrations.assertConsistent(Path.of("target", "classes"));
    }
    // @end
  }
}
