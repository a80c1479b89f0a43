package dev.confidant.jlama.internal;

import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.ModelBackendProvider;

/**
 * Provides the in-process {@code jlama} backend, configured by {@link dev.confidant.jlama.JlamaOptions}. Creating
 * the backend is cheap: the model loads on the first request. Thread-safe and stateless.
 */
public final class JlamaBackendProvider implements ModelBackendProvider {

  /** For {@link java.util.ServiceLoader}. */
  public JlamaBackendProvider() {}

  @Override
  public String name() {
    return JlamaBackend.NAME;
  }

  /**
   * @throws dev.confidant.api.EngineConfigException if an option has an invalid value
   */
  @Override
  public ModelBackend create(EngineContext context) {
    return new JlamaBackend(JlamaSettings.from(context));
  }
}
