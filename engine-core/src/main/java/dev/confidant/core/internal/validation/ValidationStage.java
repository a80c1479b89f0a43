package dev.confidant.core.internal.validation;

import dev.confidant.api.CompletionStream;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.Violation;
import dev.confidant.api.spi.PipelineStage;
import java.util.List;

/** Runs {@link RequestValidator} and stops an invalid request before it proceeds. Stateless, thread-safe. */
final class ValidationStage implements PipelineStage {
  private final RequestValidator validator;

  ValidationStage(RequestValidator validator) {
    this.validator = validator;
  }

  /**
   * @throws InvalidRequestException listing every violation, without calling {@code proceed}
   */
  @Override
  public CompletionStream intercept(Chain chain) {
    List<Violation> violations = validator.validate(chain.request());
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    return chain.proceed(chain.request());
  }
}
