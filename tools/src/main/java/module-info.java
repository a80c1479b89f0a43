/**
 * Offline tooling: evaluation on the shared development data and training of the models engine-pii ships. Never
 * a runtime dependency of an engine module; it reads engine-pii's internals, which are exported to it alone.
 */
module dev.confidant.tools {
  requires dev.confidant.pii;
  requires com.fasterxml.jackson.databind;
  requires com.microsoft.onnxruntime; // EncoderHeadExperiment
  requires net.datafaker;
  requires static org.jspecify;
}
