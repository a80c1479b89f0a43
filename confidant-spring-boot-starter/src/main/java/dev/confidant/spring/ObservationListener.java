package dev.confidant.spring;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.Usage;
import dev.confidant.api.spi.EngineListener;
import dev.confidant.api.spi.StageContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One Micrometer {@link Observation} per engine call, named {@value #NAME} (a timer {@code confidant.chat} with the
 * default meter handler), with the low-cardinality keys {@code gen_ai.operation.name}, {@code gen_ai.request.model}
 * (the configured model ids: bounded), {@code outcome} ({@code ok} or the engine's error type) and the
 * high-cardinality keys {@code gen_ai.usage.input_tokens} and {@code gen_ai.usage.output_tokens}. No message text,
 * principal or mapping value. Thread-safe; one observation per call.
 */
final class ObservationListener implements EngineListener.Factory {
  /** The observation's name. */
  static final String NAME = "confidant.chat";

  private final ObservationRegistry registry;

  ObservationListener(ObservationRegistry registry) {
    this.registry = registry;
  }

  /** Only the call's events: the engine leaves its stages unwrapped for this listener. */
  @Override
  public boolean observesStages() {
    return false;
  }

  @Override
  public EngineListener create(StageContext context) {
    return new EngineListener() {
      private @Nullable Observation observation;

      @Override
      public void callStart(ChatCompletionRequest request) {
        Observation o = Observation.createNotStarted(NAME, registry)
            .lowCardinalityKeyValue("gen_ai.operation.name", "chat")
            .lowCardinalityKeyValue("gen_ai.request.model", String.valueOf(request.model()));
        observation = o.start();
      }

      @Override
      public void callEnd(@Nullable Usage usage, @Nullable Throwable failure) {
        Observation o = observation;
        if (o == null) {
          return;
        }
        o.lowCardinalityKeyValue("outcome", failure == null ? "ok" : failure instanceof ChatEngineException e
            ? e.type().name().toLowerCase(Locale.ROOT) : "error");
        if (usage != null) {
          o.highCardinalityKeyValue("gen_ai.usage.input_tokens", Integer.toString(usage.promptTokens()));
          o.highCardinalityKeyValue("gen_ai.usage.output_tokens", Integer.toString(usage.completionTokens()));
        }
        o.stop();
      }
    };
  }
}
