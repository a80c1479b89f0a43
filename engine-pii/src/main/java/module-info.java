/** PII/OII pseudonymization: recognizers, placeholders, mapping vault and leak-free detokenization. */
module dev.confidant.pii {
  requires transitive dev.confidant.api;
  requires static org.jspecify;
  exports dev.confidant.pii;
}
