package dev.confidant.core.internal.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.Content;
import dev.confidant.api.Delta;
import dev.confidant.api.ToolCall;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.ToolProvider;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.confidant.testkit.ScriptedToolCall;
import dev.confidant.testkit.StageHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * With a privacy stage after the loop (as engine-pii's runs in PRIVACY), every model round trip is masked, server
 * tools get the real arguments, and their results reach the model masked. The privacy stage here is a stand-in
 * that swaps one name for one placeholder (engine-pii is not a dependency of engine-core).
 */
class ToolLoopPrivacyTest {
  private static final String REAL = "Ada Lovelace";
  private static final String MASK = "<PERSON_1>";

  /** Masks REAL in everything sent to the model and restores it in what comes back (whole fragments only). */
  private static final PipelineStage PRIVACY = chain -> {
    List<ChatMessage> masked = new ArrayList<>();
    for (ChatMessage m : chain.request().messages()) {
      ChatMessage copy = m.content() == null ? m : m.withContent(Content.of(m.text().replace(REAL, MASK)));
      if (copy instanceof AssistantMessage a) {
        copy = a.withToolCalls(a.toolCalls().stream()
            .map(c -> c.withArguments(c.arguments().replace(REAL, MASK))).toList());
      }
      masked.add(copy);
    }
    return chain.proceed(chain.request().withMessages(masked)).transform((chunk, out) -> {
      List<ChunkChoice> choices = new ArrayList<>();
      for (ChunkChoice c : chunk.choices()) {
        Delta d = c.delta();
        List<Delta.ToolCallDelta> calls = d.toolCalls().stream().map(t -> new Delta.ToolCallDelta(t.index(), t.id(),
            t.name(), t.arguments() == null ? null : t.arguments().replace(MASK, REAL))).toList();
        choices.add(c.withDelta(d.withContent(d.content() == null ? null : d.content().replace(MASK, REAL))
            .withToolCalls(calls)));
      }
      out.accept(chunk.withChoices(choices));
    });
  };

  @Test
  void serverToolsSeeRealValuesAndTheModelOnlyPlaceholders() {
    List<String> toolArguments = new CopyOnWriteArrayList<>();
    ToolProvider lookup = ToolProvider.of("weather", "Looks a person's city weather up.", ToolFixtures.CITY_SCHEMA,
        (arguments, context) -> {
          toolArguments.add(arguments);
          return "Weather for " + REAL + ": sunny";
        });
    ScriptedModelBackend backend = ScriptedModelBackend.of(
        ScriptedReply.toolCalls(ScriptedToolCall.of("call_1", "weather", "{\"city\":\"" + MASK + "\"}")),
        ScriptedReply.text("Sunny for " + MASK + "."));
    ChatCompletionRequest request = ChatCompletionRequest.of(ScriptedModelBackend.NAME,
        new UserMessage("Weather for " + REAL + "?"));

    String answer = StageHarness.builder(backend).toolLoopStage(ToolFixtures.stage(lookup)).stage(PRIVACY).build()
        .complete(request).message().text();

    assertThat(answer).isEqualTo("Sunny for " + REAL + ".");
    assertThat(toolArguments).containsExactly("{\"city\":\"" + REAL + "\"}");
    for (ChatCompletionRequest seen : backend.requests()) {
      for (ChatMessage m : seen.messages()) {
        assertThat(m.text()).doesNotContain(REAL);
        if (m instanceof AssistantMessage a) {
          assertThat(a.toolCalls()).extracting(ToolCall::arguments).noneMatch(args -> args.contains(REAL));
        }
      }
    }
    assertThat(backend.requests().get(1).messages().get(2).text()).isEqualTo("Weather for " + MASK + ": sunny");
  }
}
