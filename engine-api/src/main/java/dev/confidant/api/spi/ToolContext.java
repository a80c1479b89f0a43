package dev.confidant.api.spi;

import dev.confidant.api.RequestContext;
import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link ToolProvider} sees of the request during one call. Immutable and thread-safe; the engine makes one
 * per call.
 */
public interface ToolContext {

  /** The caller's context: principal, space, collections, files. */
  RequestContext request();

  /** The per-call attributes shared with the pipeline's stages (thread-safe). */
  StageContext attributes();

  /** An engine option, as stages and backends read it. */
  <T> Optional<T> option(EngineOption<T> option);

  /** The id of the tool call being answered ({@code call_...}). */
  String callId();

  /** When the call will be interrupted for taking too long. */
  Instant deadline();
}
