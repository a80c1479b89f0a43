package dev.confidant.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ModelNotFoundException;
import dev.confidant.api.RequestContext;
import dev.confidant.api.Usage;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.EngineListener;
import dev.confidant.api.spi.StageContext;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ObservationListenerTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ObservationListener listener = new ObservationListener(observations());

  private ObservationRegistry observations() {
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    return registry;
  }

  private void call(String model, Throwable failure) {
    EngineListener call = listener.create(new StageContext(RequestContext.of("alice", null)));
    call.callStart(ChatCompletionRequest.of(model, new UserMessage("hi")));
    call.callEnd(failure == null ? Usage.of(3, 4) : null, failure);
  }

  private Set<String> modelTags() {
    return meters.find(ObservationListener.NAME).timers().stream().map(Meter::getId)
        .map(id -> id.getTag("gen_ai.request.model")).collect(Collectors.toSet());
  }

  @Test
  void theModelTagIsBoundedWhateverIdsCallersSend() {
    for (int i = 0; i < ObservationListener.MAX_MODEL_TAGS + 20; i++) {
      call("model-" + i, null);
    }
    call("model-0", null); // a known id keeps its own tag
    assertThat(modelTags()).hasSize(ObservationListener.MAX_MODEL_TAGS + 1).contains("model-0", "other")
        .doesNotContain("model-" + (ObservationListener.MAX_MODEL_TAGS + 5));
    assertThat(meters.get(ObservationListener.NAME).tag("gen_ai.request.model", "model-0").timer().count())
        .isEqualTo(2);
  }

  @Test
  void anIdTheEngineDoesNotKnowIsTaggedUnknown() {
    call("typo-model", new ModelNotFoundException("model 'typo-model' not found; available: [a]"));
    assertThat(modelTags()).containsExactly("unknown");
    assertThat(meters.get(ObservationListener.NAME).tag("outcome", "not_found").timer().count()).isEqualTo(1);
  }
}
