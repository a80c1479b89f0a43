package dev.confidant.core.internal.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.RequestContext;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.Tools;
import dev.confidant.api.UserMessage;
import dev.confidant.api.Violation;
import dev.confidant.core.ChatEngines;
import dev.confidant.core.AccessPolicy;
import dev.confidant.core.ToolOptions;
import dev.confidant.core.json.ChatJson;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.confidant.testkit.ScriptedToolCall;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** tool_choice may name a server tool that the request's space may use; otherwise it is a clear 422. */
class ServerToolChoiceTest {
  private static final RequestContext RESEARCH = RequestContext.of("alice", "research");
  private static final RequestContext SUPPORT = RequestContext.of("bob", "support");
  private static final ChatCompletionRequest FORCE_WEATHER = ChatCompletionRequest.of(null,
      new UserMessage("Weather in Köln?")).withTools(new Tools(List.of(), new ToolChoice.Function("weather"), null));

  private static ChatCompletionEngine engine(ScriptedModelBackend backend) {
    return ChatEngines.builder().addBackend(backend).defaultBackend(backend.name())
        .addTool(ToolFixtures.weather())
        .accessPolicy(AccessPolicy.OPEN.withTools(
            ToolOptions.Access.NONE_BY_DEFAULT.withSpace("research", Set.of("weather"))))
        .build();
  }

  @Test
  void toolChoiceNamingAnAllowedServerToolForcesItInTheFirstTurn() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(
        ScriptedReply.toolCalls(ScriptedToolCall.of("call_1", "weather", "{\"city\":\"Köln\"}")),
        ScriptedReply.text("Sunny."));
    try (ChatCompletionEngine engine = engine(backend)) {
      assertThat(engine.complete(FORCE_WEATHER, RESEARCH).message().text()).isEqualTo("Sunny.");
    }
    ChatCompletionRequest first = backend.requests().get(0);
    assertThat(first.tools().choice()).isEqualTo(new ToolChoice.Function("weather"));
    assertThat(first.tools().definitions()).extracting(ToolDefinition::name).containsExactly("weather");
    assertThat(backend.requests().get(1).tools().choice()).isEqualTo(ToolChoice.Mode.AUTO);
  }

  @Test
  void toolChoiceNamingAServerToolTheSpaceMayNotUseIsA422() {
    ScriptedModelBackend backend = ScriptedModelBackend.of();
    try (ChatCompletionEngine engine = engine(backend)) {
      assertThatThrownBy(() -> engine.complete(FORCE_WEATHER, SUPPORT))
          .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
              .singleElement().satisfies(v -> {
                assertThat(v.path()).isEqualTo("tool_choice.function.name");
                assertThat(v.msg()).isEqualTo("Value error, tool_choice names server tool 'weather', which space "
                    + "'support' may not use; server tools it may use: []");
              }));
    }
    assertThat(backend.requests()).isEmpty();
  }

  @Test
  void toolChoiceNamingNeitherAClientNorAServerToolListsBoth() {
    ChatCompletionRequest request = FORCE_WEATHER.withTools(new Tools(
        List.of(new ToolDefinition("lookup", null, null, null)), new ToolChoice.Function("nope"), null));
    try (ChatCompletionEngine engine = engine(ScriptedModelBackend.of())) {
      assertThatThrownBy(() -> engine.complete(request, RESEARCH))
          .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
              .extracting(Violation::msg).containsExactly("Value error, tool_choice names function 'nope', which "
                  + "is not in 'tools' nor a server tool; available: [lookup, weather]"));
    }
  }

  @Test
  void requiredNeedsNoClientToolWhenTheSpaceHasServerTools() {
    ChatCompletionRequest required = FORCE_WEATHER.withTools(new Tools(List.of(), ToolChoice.Mode.REQUIRED, null));
    ScriptedModelBackend backend = ScriptedModelBackend.of(
        ScriptedReply.toolCalls(ScriptedToolCall.of("call_1", "weather", "{\"city\":\"Köln\"}")),
        ScriptedReply.text("Sunny."));
    try (ChatCompletionEngine engine = engine(backend)) {
      assertThat(engine.complete(required, RESEARCH).message().text()).isEqualTo("Sunny.");
      assertThatThrownBy(() -> engine.complete(required, SUPPORT)).isInstanceOf(InvalidRequestException.class);
    }
  }

  @Test
  void theJsonCodecLeavesServerToolNamesToTheValidationStage() {
    ChatCompletionRequest read = ChatJson.readRequest("""
        {"model":"m","messages":[{"role":"user","content":"Hi"}],
         "tool_choice":{"type":"function","function":{"name":"weather"}}}""");
    assertThat(read.tools().choice()).isEqualTo(new ToolChoice.Function("weather"));
  }
}
