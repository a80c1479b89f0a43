/** Runnable examples: one main per use case. */
module dev.confidant.examples {
  requires dev.confidant.core;
  requires static org.jspecify;
}
