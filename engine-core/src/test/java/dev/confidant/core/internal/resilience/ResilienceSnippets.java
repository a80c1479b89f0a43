package dev.confidant.core.internal.resilience;

import dev.confidant.api.CompletionStream;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.ResilienceSettings;
import java.util.List;

/** The code samples of this package's javadoc ({@code {@snippet class=... region=...}}); compiled with the tests. */
final class ResilienceSnippets {
  private ResilienceSnippets() {}

  static CompletionStream invoke(ResilientInvoker.Target primary, ResilientInvoker.Target fallback,
      StageContext context) {
    // @start region="invoke"
    ResilientInvoker invoker = ResilientInvoker.of(ResilienceSettings.DEFAULT.withMaxRetries(1));
    CompletionStream stream = invoker.invoke(List.of(primary, fallback), context);   // fallback after the primary
    // @end
    return stream;
  }
}
