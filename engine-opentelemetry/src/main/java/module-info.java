/** OpenTelemetry spans for engine calls, stages and model calls (GenAI semantic conventions). */
module dev.confidant.otel {
  requires transitive dev.confidant.api;
  requires dev.confidant.pii;
  requires static org.jspecify;
  requires transitive io.opentelemetry.api;
  requires io.opentelemetry.context;

  exports dev.confidant.otel;
}
