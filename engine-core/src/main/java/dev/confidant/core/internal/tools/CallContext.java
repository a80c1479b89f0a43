package dev.confidant.core.internal.tools;

import dev.confidant.api.RequestContext;
import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.EngineOption;
import dev.confidant.api.spi.StageContext;
import dev.confidant.api.spi.ToolContext;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@link ToolContext} of one server tool call. Immutable and thread-safe.
 *
 * @param attributes the request's stage context
 * @param engine the engine's options
 * @param callId the call being answered
 * @param deadline when the call is interrupted
 */
record CallContext(StageContext attributes, EngineContext engine, String callId, Instant deadline)
    implements ToolContext {

  @Override
  public RequestContext request() {
    return attributes.request();
  }

  @Override
  public <T> Optional<T> option(EngineOption<T> option) {
    return engine.option(option);
  }
}
