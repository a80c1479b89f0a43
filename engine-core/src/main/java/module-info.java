/** Pipeline assembly, validation, JSON mapping and the model backends (Jlama in-process). */
module dev.confidant.core {
  requires transitive dev.confidant.api;
  requires static org.jspecify;
  requires com.fasterxml.jackson.databind;
  requires jlama.core; // automatic module: upstream has no module-info
  requires org.slf4j;

  exports dev.confidant.core;
  exports dev.confidant.core.json;

  uses dev.confidant.api.spi.PipelineStageProvider;
  uses dev.confidant.api.spi.ModelBackendProvider;
}
