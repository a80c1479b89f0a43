/** Runnable examples: one main per use case. */
module dev.confidant.examples {
  requires dev.confidant.core;
  requires dev.confidant.jlama;
  requires dev.confidant.pii; // the Pseudonymization request option
  requires com.fasterxml.jackson.databind;
  requires static org.jspecify;
}
