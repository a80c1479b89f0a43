/**
 * The in-process {@code jlama} model backend: Hugging Face-layout models run with Jlama, and the tiny model
 * Confidant generates itself. Needs {@code --add-modules jdk.incubator.vector} at run time.
 */
module dev.confidant.jlama {
  requires transitive dev.confidant.api;
  requires static org.jspecify;
  requires com.fasterxml.jackson.databind;
  requires jlama.core; // automatic module: upstream has no module-info
  // Jlama's tensors are Vector API types; at run time the JVM needs --add-modules jdk.incubator.vector.
  requires static jdk.incubator.vector;
  requires org.slf4j;

  exports dev.confidant.jlama;

  provides dev.confidant.api.spi.ModelBackendProvider with dev.confidant.jlama.internal.JlamaBackendProvider;
}
