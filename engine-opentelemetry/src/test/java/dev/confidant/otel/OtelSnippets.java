package dev.confidant.otel;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.core.ChatEngines;
import io.opentelemetry.api.OpenTelemetry;

/** The code samples of this module's javadoc ({@code {@snippet class=... region=...}}); compiled with the tests. */
final class OtelSnippets {
  private OtelSnippets() {}

  static ChatCompletionEngine tracing(OpenTelemetry openTelemetry) {
    // @start region="tracing"
    ChatCompletionEngine engine = ChatEngines.builder()
        .addListener(OpenTelemetryTracing.of(openTelemetry))   // .withStageSpans(true) for a span per stage
        .build();
    // @end
    return engine;
  }
}
