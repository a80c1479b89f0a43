/**
 * Offline tooling: evaluation on the shared development data, training of the models engine-pii ships, and BEIR
 * retrieval evaluation. Never a runtime dependency of an engine module; it reads engine-pii's and engine-rag's
 * internals, which are exported to it alone.
 */
module dev.confidant.tools {
  requires dev.confidant.pii;
  requires dev.confidant.rag;
  requires dev.confidant.server; // the CLI's JSON Lines corpus reader
  requires dev.confidant.opensearch; // BeirEvaluation --storage opensearch
  requires com.fasterxml.jackson.databind;
  requires com.microsoft.onnxruntime; // EncoderHeadExperiment
  requires net.datafaker;
  requires java.management; // DetectionScaling reads thread CPU time
  requires org.apache.lucene.core;
  requires static org.jspecify;
}
