/** PII/OII pseudonymization: recognizers, placeholders, mapping vault and leak-free detokenization. */
module dev.confidant.pii {
  requires transitive dev.confidant.api;
  requires static org.jspecify;
  requires com.google.i18n.phonenumbers.libphonenumber; // automatic module
  requires com.fasterxml.jackson.databind;
  exports dev.confidant.pii;
  exports dev.confidant.pii.spi;
  exports dev.confidant.pii.internal.token to dev.confidant.testkit;
  // Training and evaluation (the tools module, never a runtime dependency) use the detector's internals.
  exports dev.confidant.pii.internal.ner to dev.confidant.tools;
  exports dev.confidant.pii.internal.recognize to dev.confidant.tools;
  exports dev.confidant.pii.internal.lang to dev.confidant.tools;
  exports dev.confidant.pii.internal.address to dev.confidant.tools;
  provides dev.confidant.api.spi.PipelineStageProvider with
      dev.confidant.pii.internal.stage.PseudonymizationStageProvider;
}
