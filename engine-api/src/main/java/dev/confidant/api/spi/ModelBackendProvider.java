package dev.confidant.api.spi;

/** Creates a model backend; discovered with {@link java.util.ServiceLoader} or added through the engine builder. */
public interface ModelBackendProvider {

  /** The backend's unique name ({@code jlama}, {@code ollama}, {@code openai}, ...). */
  String name();

  /**
   * Creates the backend once per engine. Heavy resources (a loaded model) should load lazily on first use.
   *
   * @throws dev.confidant.api.EngineConfigException if the backend cannot be configured
   */
  ModelBackend create(EngineContext context);
}
