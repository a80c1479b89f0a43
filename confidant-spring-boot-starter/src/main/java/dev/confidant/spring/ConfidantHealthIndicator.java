package dev.confidant.spring;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.core.ChatEngines;
import dev.confidant.core.ModelSpec;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The engine's health ({@code /actuator/health/confidant}): UP with the registry's model ids while the engine is
 * built and its registry answers, DOWN with the failure's type otherwise. It calls no model: a health probe must
 * stay cheap. Thread-safe.
 */
final class ConfidantHealthIndicator implements HealthIndicator {
  private final ChatCompletionEngine engine;

  ConfidantHealthIndicator(ChatCompletionEngine engine) {
    this.engine = engine;
  }

  @Override
  public Health health() {
    try {
      return Health.up().withDetail("models", ChatEngines.models(engine).models().stream().map(ModelSpec::id)
          .toList()).build();
    } catch (RuntimeException e) {
      return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
    }
  }
}
