/** PII/OII pseudonymization: recognizers, placeholders, mapping vault and leak-free detokenization. */
module dev.confidant.pii {
  requires transitive dev.confidant.api;
  requires static org.jspecify;
  requires com.google.i18n.phonenumbers.libphonenumber; // automatic module
  exports dev.confidant.pii;
  exports dev.confidant.pii.spi;
  exports dev.confidant.pii.internal.token to dev.confidant.testkit;
  provides dev.confidant.api.spi.PipelineStageProvider with
      dev.confidant.pii.internal.stage.PseudonymizationStageProvider;
}
