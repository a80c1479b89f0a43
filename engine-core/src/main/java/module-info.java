/** Pipeline assembly, routing, validation, tool loop, JSON mapping, model registry and resilience. */
module dev.confidant.core {
  requires transitive dev.confidant.api;
  requires static org.jspecify;
  requires com.fasterxml.jackson.databind;
  requires com.networknt.schema;
  requires com.ethlo.time; // networknt's date-time format; its own dependency on it is static
  requires org.slf4j;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires transitive java.net.http; // the remote package takes HttpClient and HttpRequest

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
}
