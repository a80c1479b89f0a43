package dev.confidant.api.spi;

/**
 * How a trace continues into a remote model server: a tracing {@link EngineListener} puts the W3C
 * {@code traceparent} of the current model call into the call's context, and a backend that calls a server over
 * HTTP sends it as the {@code traceparent} header, so that the server's spans join the caller's trace.
 */
public final class TracePropagation {
  /**
   * The W3C {@code traceparent} value ({@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}) of the model
   * call in progress; unset when nothing traces the call.
   */
  public static final StageContext.Key<String> TRACEPARENT =
      new StageContext.Key<>("trace.traceparent", String.class);

  private TracePropagation() {}
}
