package dev.confidant.api;

/** The kind of a failure, with the HTTP status the REST API answers and whether a retry may help. */
public enum ErrorType {
  INVALID_REQUEST(422, false),
  AUTHENTICATION(401, false),
  PERMISSION_DENIED(403, false),
  NOT_FOUND(404, false),
  RATE_LIMITED(429, true),
  BACKEND_ERROR(502, false),
  BACKEND_UNAVAILABLE(503, true),
  TIMEOUT(504, true),
  TOOL_ERROR(500, false),
  /**
   * The model's reply does not follow the request's {@code response_format} (not a JSON object, or not valid
   * against a strict JSON schema) even after the engine's bounded repair attempts. The REST API answers 502 with
   * {@code model_output_invalid} in the detail. Not retryable as such: rephrase the prompt, simplify the schema or
   * use a model or backend that constrains its output.
   */
  MODEL_OUTPUT_INVALID(502, false),
  CANCELLED(499, false),
  CONFIGURATION(500, false),
  /**
   * The engine's storage (the PII vault, an index) failed to read or write: a disk, a permission, a database, a
   * file that fails its integrity check. The REST API answers 500 with {@code storage_error}; an operator must
   * look. Not retryable as such.
   */
  STORAGE_ERROR(500, false),
  INTERNAL(500, false);

  private final int httpStatus;
  private final boolean retryable;

  ErrorType(int httpStatus, boolean retryable) {
    this.httpStatus = httpStatus;
    this.retryable = retryable;
  }

  /** The HTTP status the REST API answers with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Whether the same request may succeed if retried. */
  public boolean retryable() {
    return retryable;
  }
}
