package dev.confidant.core.internal.format;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.spi.PipelineStage;

/**
 * Makes replies follow the request's {@code response_format}: requests without a JSON format pass through; the
 * others get a {@link ValidatingStream}. Immutable and thread-safe.
 */
final class ResponseFormatStage implements PipelineStage {
  private final int maxRepairs;

  ResponseFormatStage(int maxRepairs) {
    this.maxRepairs = maxRepairs;
  }

  @Override
  public CompletionStream intercept(Chain chain) {
    ChatCompletionRequest request = chain.request();
    OutputCheck check = OutputCheck.of(request.responseFormat());
    if (check == null) {
      return chain.proceed(request);
    }
    // Several choices cannot be repaired one by one: validate them all, repair none.
    boolean severalChoices = request.options().n() != null && request.options().n() > 1;
    return new ValidatingStream(chain, check, severalChoices ? 0 : maxRepairs);
  }

  @Override
  public String toString() {
    return "ResponseFormatStage[maxRepairs=" + maxRepairs + "]";
  }
}
