package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.models.Model;
import dev.confidant.api.RequestContext;
import dev.confidant.pii.Pseudonymization;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.confidant.testkit.ScriptedToolCall;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, unmodified, as the client: the platform headers go as extra headers. */
class OpenAiSdkTest {

  private static OpenAIClient client(Harness h, String token) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(h.server.uri() + "/api-proxy/v1")
        .apiKey(token)
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  private static ChatCompletionCreateParams.Builder params() {
    return ChatCompletionCreateParams.builder()
        .model("gpt-4o")
        .addUserMessage("Hallo, ich bin Jürgen")
        .putAdditionalHeader("X-Model", "confidant-small")
        .putAdditionalHeader("X-Aimable-Space-Id", "default")
        .putAdditionalHeader("X-Apply-Pii-Pseudonymization", "true")
        .putAdditionalHeader("X-Pii-Mapping", "{\"<PERSON_1>\":\"J\\u00fcrgen\"}");
  }

  @Test
  void plainCompletion() {
    try (Harness h = new Harness(ScriptedModelBackend.of(ScriptedReply.text("Guten Tag, Jürgen 😀")))) {
      ChatCompletion completion = client(h, Harness.ADMIN).chat().completions().create(params().build());

      assertThat(completion.choices().get(0).message().content()).hasValue("Guten Tag, Jürgen 😀");
      assertThat(completion.model()).isEqualTo("confidant-small");
      RequestContext ctx = h.contexts.get(0);
      assertThat(ctx.spaceId()).isEqualTo("default");
      assertThat(Pseudonymization.of(ctx).personalData()).isTrue();
      assertThat(Pseudonymization.of(ctx).callerMapping()).containsEntry("<PERSON_1>", "Jürgen");
    }
  }

  @Test
  void streaming() {
    try (Harness h = new Harness(ScriptedModelBackend.of(ScriptedReply.text("Grüße 😀 aus Köln").splitEvery(1)))) {
      StringBuilder text = new StringBuilder();
      try (StreamResponse<ChatCompletionChunk> stream =
          client(h, Harness.ADMIN).chat().completions().createStreaming(params().build())) {
        stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
      }

      assertThat(text.toString()).isEqualTo("Grüße 😀 aus Köln");
      assertThat(h.backend.openStreams()).isZero();
    }
  }

  @Test
  void toolCalls() {
    ScriptedReply call = ScriptedReply.toolCalls(ScriptedToolCall.of("call_1", "weather", "{\"city\":\"Köln\"}"));
    try (Harness h = new Harness(ScriptedModelBackend.of(call))) {
      ChatCompletion completion = client(h, Harness.ADMIN).chat().completions().create(params()
          .addFunctionTool(FunctionDefinition.builder()
              .name("weather")
              .parameters(FunctionParameters.builder()
                  .putAdditionalProperty("type", JsonValue.from("object"))
                  .putAdditionalProperty("properties", JsonValue.from(java.util.Map.of("city",
                      java.util.Map.of("type", "string"))))
                  .build())
              .build())
          .build());

      List<ChatCompletionMessageFunctionToolCall> calls = completion.choices().get(0).message().toolCalls()
          .orElseThrow().stream().map(c -> c.asFunction()).toList();
      assertThat(calls).hasSize(1);
      assertThat(calls.get(0).id()).isEqualTo("call_1");
      assertThat(calls.get(0).function().name()).isEqualTo("weather");
      assertThat(calls.get(0).function().arguments()).isEqualTo("{\"city\":\"Köln\"}");
      assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
      assertThat(h.backend.lastRequest().orElseThrow().tools().definitions()).hasSize(1);
    }
  }

  @Test
  void listsModels() {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      List<Model> models = client(h, Harness.ADMIN).models().list().data();

      assertThat(models).isNotEmpty();
      assertThat(models.get(0).ownedBy()).isEqualTo("confidant");
    }
  }

  @Test
  void errorsReachTheSdkAsServiceExceptionsWithOurMessages() {
    try (Harness h = new Harness(ScriptedModelBackend.echo())) {
      assertThatThrownBy(() -> client(h, "wrong").chat().completions().create(params().build()))
          .isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(401))
          .hasMessageContaining("Not authenticated");
      assertThatThrownBy(() -> client(h, Harness.VIEWER).chat().completions().create(ChatCompletionCreateParams
              .builder().model("m").addUserMessage("Hi").putAdditionalHeader("X-Aimable-Space-Id", "other").build()))
          .isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(403))
          .hasMessageContaining("Not authorized for space 'other'; your spaces: [default]");
      // Two header problems, both named in the one message.
      assertThatThrownBy(() -> client(h, Harness.ADMIN).chat().completions().create(ChatCompletionCreateParams
              .builder().model("m").addUserMessage("Hi")
              .putAdditionalHeader("X-Pii-Mapping", "{not json")
              .putAdditionalHeader("X-Apply-Pii-Pseudonymization", "maybe").build()))
          .isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(422))
          .hasMessageContaining("header.x-pii-mapping: Invalid JSON")
          .hasMessageContaining("header.x-apply-pii-pseudonymization: Input should be a valid boolean");
    }
  }
}
