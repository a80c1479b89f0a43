package dev.confidant.api;

import java.util.List;
import java.util.stream.Collectors;

/** The request is invalid; {@link #violations()} lists every problem, not just the first. HTTP 422. */
public final class InvalidRequestException extends ChatEngineException {
  private static final long serialVersionUID = 1L;
  private final transient List<Violation> violations;

  /**
   * @param violations at least one violation
   */
  public InvalidRequestException(List<Violation> violations) {
    super(ErrorType.INVALID_REQUEST, describe(violations), null);
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an InvalidRequestException needs at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  /** One violation. */
  public static InvalidRequestException of(List<Object> loc, String msg, String type) {
    return new InvalidRequestException(List.of(Violation.of(loc, msg, type)));
  }

  /** Every violation, in the order found. */
  public List<Violation> violations() {
    return violations;
  }

  private static String describe(List<Violation> violations) {
    // Never includes inputs: they may hold personal data and messages end up in logs.
    return "invalid request: " + violations.stream()
        .map(v -> v.path() + ": " + v.msg() + " [" + v.type() + "]")
        .collect(Collectors.joining("; "));
  }
}
