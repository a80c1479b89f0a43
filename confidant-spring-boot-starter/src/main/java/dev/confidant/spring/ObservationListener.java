package dev.confidant.spring;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.ModelNotFoundException;
import dev.confidant.api.Usage;
import dev.confidant.api.spi.EngineListener;
import dev.confidant.api.spi.StageContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One Micrometer {@link Observation} per engine call, named {@value #NAME} (a timer {@code confidant.chat} with the
 * default meter handler), with the low-cardinality keys {@code gen_ai.operation.name}, {@code gen_ai.request.model},
 * {@code outcome} ({@code ok} or the engine's error type) and the high-cardinality keys
 * {@code gen_ai.usage.input_tokens} and {@code gen_ai.usage.output_tokens}. No message text, principal or mapping
 * value. The model tag is bounded: a model id the engine does not know is {@value #UNKNOWN_MODEL}, and past
 * {@value #MAX_MODEL_TAGS} distinct ids (an engine with a default backend accepts any id) every further id is
 * {@value #OTHER_MODEL}. Thread-safe; one observation per call.
 */
final class ObservationListener implements EngineListener.Factory {
  /** The observation's name. */
  static final String NAME = "confidant.chat";
  /** The {@code gen_ai.request.model} of a call whose model id the engine does not know. */
  static final String UNKNOWN_MODEL = "unknown";
  /** The {@code gen_ai.request.model} of a call past the bound of distinct model ids. */
  static final String OTHER_MODEL = "other";
  /** The most distinct model ids that become tag values. */
  static final int MAX_MODEL_TAGS = 64;

  private final ObservationRegistry registry;
  private final Set<String> models = ConcurrentHashMap.newKeySet();

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
      private @Nullable String model;

      @Override
      public void callStart(ChatCompletionRequest request) {
        model = request.model();
        observation = Observation.createNotStarted(NAME, registry)
            .lowCardinalityKeyValue("gen_ai.operation.name", "chat").start();
      }

      @Override
      public void callEnd(@Nullable Usage usage, @Nullable Throwable failure) {
        Observation o = observation;
        if (o == null) {
          return;
        }
        // The meter takes its tags when the observation stops: the model tag is set once the outcome is known.
        o.lowCardinalityKeyValue("gen_ai.request.model",
            failure instanceof ModelNotFoundException ? UNKNOWN_MODEL : bounded(model));
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

  /** The id itself while fewer than {@value #MAX_MODEL_TAGS} ids have been seen (or this one was), else "other". */
  private String bounded(@Nullable String model) {
    if (model == null) {
      return UNKNOWN_MODEL;
    }
    if (models.contains(model) || (models.size() < MAX_MODEL_TAGS && models.add(model))) {
      return model;
    }
    return OTHER_MODEL;
  }
}
