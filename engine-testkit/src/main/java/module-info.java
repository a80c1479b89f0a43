/** Test support: a scripted model backend and the contract tests every backend and stage must pass. */
module dev.confidant.testkit {
  requires transitive dev.confidant.api;
  requires static org.jspecify;
  requires org.junit.jupiter.api;
  requires org.assertj.core;
  exports dev.confidant.testkit;
}
