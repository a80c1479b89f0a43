package dev.confidant.spring.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.RequestContext;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.EngineListener;
import dev.confidant.spring.EngineCustomizer;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.confidant.testkit.ScriptedToolCall;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The sample application with the starter: the seed's round trip on the embedded tiny Jlama model (the default
 * model), a Spring bean as a server tool driven by a scripted model, the health indicator and the observations.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(properties = {
    "confidant.default-model=confidant-tiny",
    "confidant.models[0].id=confidant-tiny", "confidant.models[0].backend=jlama",
    "confidant.models[1].id=scripted-support", "confidant.models[1].backend=scripted",
    "confidant.pii.min-score=0.4",
    "management.observations.enable.all=true"})
class SupportApplicationTest {
  /** What each model call received, as the engine listener saw it (masked). */
  static final List<String> MODEL_SAW = new CopyOnWriteArrayList<>();
  static final ScriptedModelBackend SCRIPTED = ScriptedModelBackend.of(
      ScriptedReply.toolCalls(ScriptedToolCall.of("c1", "order_status", "{\"order\":\"A-17\"}")),
      ScriptedReply.text("Your order A-17 has shipped."));

  @TestConfiguration
  static class Extras {
    @Bean
    EngineCustomizer scriptedBackend() {
      return builder -> builder.addBackend(SCRIPTED);
    }

    @Bean
    EngineListener.Factory recorder() {
      return context -> new EngineListener() {
        @Override
        public void modelCallStart(String backend, ChatCompletionRequest request) {
          MODEL_SAW.add(request.messages().get(request.messages().size() - 1).text());
        }
      };
    }
  }

  @Autowired SupportApplication.SupportService support;
  @Autowired ChatCompletionEngine engine;
  @Autowired @Qualifier("confidantHealthIndicator") HealthIndicator health;
  @Autowired MeterRegistry meters;

  @Test
  void theSeedsRoundTripIsPseudonymizedOnTheTinyModel() {
    MODEL_SAW.clear();
    String answer = support.answer("alice", "My name is John Doe and I need help with my account.");
    assertThat(MODEL_SAW).contains("My name is [NAME_1] and I need help with my account.");
    assertThat(answer).isNotBlank();
    assertThat(meters.get("confidant.chat").tag("outcome", "ok").tag("gen_ai.request.model", "confidant-tiny")
        .timer().count()).isPositive();
  }

  @Test
  void aToolBeanRunsInTheEnginesToolLoop() {
    String answer = engine.complete(ChatCompletionRequest.of("scripted-support",
        new UserMessage("Where is my order A-17?")), RequestContext.of("alice", "support")).message().text();
    assertThat(answer).isEqualTo("Your order A-17 has shipped.");
    // The second model call got the tool's result: the Spring bean ran.
    assertThat(SCRIPTED.requests().get(1).messages().get(2).text()).isEqualTo("{\"status\":\"shipped\"}");
  }

  @Test
  void theHealthIndicatorListsTheModels() {
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(health.health().getDetails().get("models")).isEqualTo(List.of("confidant-tiny", "scripted-support"));
  }
}
