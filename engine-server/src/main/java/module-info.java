/** The command-line launcher ({@code bin/confidant}) and the REST server over the engine. */
module dev.confidant.server {
  requires dev.confidant.core;
  requires dev.confidant.jlama;
  requires dev.confidant.openai;
  requires dev.confidant.langchain4j;
  requires dev.confidant.pii;
  requires transitive dev.confidant.rag; // ConfidantServer.Builder#knowledgeBase takes a KnowledgeBase
  requires dev.confidant.postgres;
  requires dev.confidant.opensearch;
  requires info.picocli;
  requires static org.jspecify;
  requires io.helidon.webserver;
  requires io.helidon.http;
  requires io.helidon.common.context;
  requires io.helidon.common.socket;
  requires jdk.management; // descriptor counts for the connection bound and health
  requires java.logging; // the CLI quiets Lucene's INFO announcement
  requires transitive micrometer.core; // automatic module: upstream has no module-info
  requires micrometer.registry.prometheus; // automatic module
  requires transitive dev.confidant.otel; // ConfidantServer.Builder#openTelemetry takes an OpenTelemetry
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;

  exports dev.confidant.server;
  exports dev.confidant.server.cli;

  opens dev.confidant.server.cli to info.picocli;
  // The YAML configuration binds to records in this package.
  opens dev.confidant.server.internal.config to com.fasterxml.jackson.databind;
}
