package dev.confidant.spring;

import dev.confidant.core.ChatEngines;

/**
 * Adjusts the auto-configured engine's builder before it is built: declare beans of this type to add options,
 * stages or backends the properties do not cover. Applied in the beans' order.
 *
 * {@snippet class=dev.confidant.spring.SpringSnippets region=customizer}
 */
@FunctionalInterface
public interface EngineCustomizer {
  /** Changes the builder. */
  void customize(ChatEngines.Builder builder);
}
