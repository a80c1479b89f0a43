/** Runnable examples: one main per use case. */
module dev.confidant.examples {
  requires dev.confidant.core;
  requires dev.confidant.jlama;
  requires com.fasterxml.jackson.databind;
  requires static org.jspecify;
}
