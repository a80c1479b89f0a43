package dev.confidant.jlama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.FinishReason;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.Sampling;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.core.ChatEngines;
import dev.confidant.testkit.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Real Jlama inference through the whole engine (discovered stages and backend), as users run it. */
class JlamaThroughEngineTest {
  private static final Sampling GREEDY = Sampling.DEFAULT.withTemperature(0.0);

  @Test
  void stories260KContinuesOnceUponATimeWithItsKnownText() {
    Optional<Path> model = SharedData.resolve("models/stories260K");
    assumeTrue(model.isPresent(), "../shared/models/stories260K is not here");
    try (ChatCompletionEngine engine = ChatEngines.builder().option(JlamaOptions.MODEL_DIR, model.get()).build()) {
      ChatCompletionResponse response = engine.complete(ChatCompletionRequest.of("stories260K",
          new UserMessage("Once upon a time")).withSampling(GREEDY.withMaxTokens(40)));

      assertThat(response.message().text()).startsWith(
          ", there was a little girl named Lily. She loved to play outside in the park.");
      assertThat(response.model()).isEqualTo("stories260K");
      assertThat(response.usage().completionTokens()).isEqualTo(40);
    }
  }

  @Test
  void embeddedModelAnswersDeterministicallyAndConcurrently() throws Exception {
    ChatCompletionRequest request = ChatCompletionRequest.of(null,
            new SystemMessage("You are a helpful support assistant."),
            new UserMessage("My name is John Doe and I need help with my account."))
        .withSampling(GREEDY.withMaxTokens(12));
    try (ChatCompletionEngine engine = ChatEngines.builder().build();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      ChatCompletionResponse first = engine.complete(request);
      assertThat(first.model()).isEqualTo(ChatEngines.DEFAULT_MODEL);
      assertThat(first.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
      assertThat(first.usage().completionTokens()).isEqualTo(12);

      List<Future<ChatCompletionResponse>> futures =
          IntStream.range(0, 8).mapToObj(i -> pool.submit(() -> engine.complete(request))).toList();
      for (Future<ChatCompletionResponse> future : futures) {
        assertThat(future.get().message().text()).isEqualTo(first.message().text());
      }
    }
  }

  @Test
  void embeddedModelAnswersJsonObjectsWhenAskedStreamingOrNot() throws Exception {
    ChatCompletionRequest request = ChatCompletionRequest.of(null,
            new UserMessage("Describe the weather as a JSON object."))
        .withSampling(Sampling.DEFAULT.withTemperature(1.0).withSeed(7L).withMaxTokens(48))
        .withResponseFormat(new ResponseFormat.JsonObject());
    ObjectMapper json = new ObjectMapper();
    try (ChatCompletionEngine engine = ChatEngines.builder().build()) {
      assertThat(((dev.confidant.core.internal.pipeline.PipelineEngine) engine).stageNames())
          .containsSubsequence("validation", "response-format", "tool-loop");
      ChatCompletionResponse blocking = engine.complete(request);
      System.out.println("tiny model, json_object: " + blocking.message().text());
      assertThat(json.readTree(blocking.message().text()).isObject()).as(blocking.message().text()).isTrue();
      assertThat(blocking.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);

      StringBuilder streamed = new StringBuilder();
      try (CompletionStream stream = engine.stream(request)) {
        stream.forEach(chunk -> chunk.choices().forEach(c -> {
          if (c.delta().content() != null) {
            streamed.append(c.delta().content());
          }
        }));
      }
      assertThat(streamed).hasToString(blocking.message().text()); // seeded: the same object
    }
  }
}
