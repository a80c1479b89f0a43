package dev.confidant.core.internal.validation;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.Violation;
import java.util.List;

/** The code samples of this package's javadoc ({@code {@snippet class=... region=...}}); compiled with the tests. */
final class ValidationSnippets {
  private ValidationSnippets() {}

  static void validate(ChatCompletionRequest request) {
    // @start region="validate"
    List<Violation> violations = new RequestValidator().validate(request);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    // @end
  }
}
