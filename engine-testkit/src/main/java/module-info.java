/**
 * Test support: a scripted model backend, a fake model server speaking the OpenAI and Ollama wire protocols, and
 * the contract tests every backend and stage must pass.
 */
module dev.confidant.testkit {
  requires transitive dev.confidant.api;
  requires static org.jspecify;
  requires org.junit.jupiter.api;
  requires org.assertj.core;
  requires transitive com.fasterxml.jackson.databind; // FakeModelServer#requests returns JSON trees
  requires jdk.httpserver; // FakeModelServer
  exports dev.confidant.testkit;
}
