package dev.confidant.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.RequestContext;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.EngineListener;
import dev.confidant.core.ModelSpec;
import dev.confidant.spring.EngineCustomizer;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.confidant.testkit.ScriptedToolCall;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The sample application as it ships (its {@code application.yaml}, its beans): the seed's round trip on the
 * embedded tiny Jlama model with pseudonymization, and its {@code order_status} bean run by the engine's tool loop
 * when a (scripted) model calls it.
 */
@SpringBootTest
class SupportApplicationTest {
  /** What each model call received, as an engine listener saw it (masked). */
  static final List<String> MODEL_SAW = new CopyOnWriteArrayList<>();
  static final ScriptedModelBackend SCRIPTED = ScriptedModelBackend.of(
      ScriptedReply.toolCalls(ScriptedToolCall.of("c1", "order_status", "{\"order\":\"A-17\"}")),
      ScriptedReply.text("Your order A-17 has shipped."));

  @TestConfiguration
  static class Extras {
    /** A scripted tool-calling model beside the sample's own. */
    @Bean
    EngineCustomizer scriptedModel() {
      return builder -> builder.addBackend(SCRIPTED)
          .model(ModelSpec.builder("scripted-support", ScriptedModelBackend.NAME).build());
    }

    @Bean
    EngineListener.Factory recorder() {
      return context -> new EngineListener() {
        @Override
        public void modelCallStart(String backend, ChatCompletionRequest request) {
          MODEL_SAW.add(request.messages().getLast().text());
        }
      };
    }
  }

  @Autowired SupportApplication.SupportService support;
  @Autowired ChatCompletionEngine engine;

  @Test
  void theSeedsRoundTripIsPseudonymizedOnTheTinyModel() {
    MODEL_SAW.clear();
    String answer = support.answer("alice", "My name is John Doe and I need help with my account.");
    assertThat(MODEL_SAW).containsExactly("My name is [NAME_1] and I need help with my account.");
    assertThat(answer).isNotBlank();
  }

  @Test
  void theOrderStatusBeanRunsInTheEnginesToolLoop() {
    String answer = engine.complete(ChatCompletionRequest.of("scripted-support",
        new UserMessage("Where is my order A-17?")), RequestContext.of("alice", "support")).message().text();
    assertThat(answer).isEqualTo("Your order A-17 has shipped.");
    // The second model call got the tool's result: the sample's bean ran.
    assertThat(SCRIPTED.requests().get(1).messages().get(2).text()).isEqualTo("{\"status\":\"shipped\"}");
  }
}
