/** Pipeline assembly, routing, validation, tool loop, JSON mapping, model registry and resilience. */
module dev.confidant.core {
  requires transitive dev.confidant.api;
  requires static org.jspecify;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires transitive java.net.http; // the remote package takes HttpClient and HttpRequest
  // LangChain4j: automatic modules, upstream has no module-info.
  requires langchain4j.core;
  requires langchain4j.http.client;
  requires langchain4j.ollama;

  exports dev.confidant.core;
  exports dev.confidant.core.json;
  exports dev.confidant.core.remote;

  uses dev.confidant.api.spi.PipelineStageProvider;
  uses dev.confidant.api.spi.ModelBackendProvider;
  uses dev.confidant.api.spi.ToolProvider;

  provides dev.confidant.api.spi.PipelineStageProvider with
      dev.confidant.core.internal.validation.ValidationStageProvider,
      dev.confidant.core.internal.tools.ToolLoopStageProvider,
      dev.confidant.core.internal.format.ResponseFormatStageProvider;
  provides dev.confidant.api.spi.ModelBackendProvider with
      dev.confidant.core.internal.backend.ollama.OllamaBackendProvider;
}
