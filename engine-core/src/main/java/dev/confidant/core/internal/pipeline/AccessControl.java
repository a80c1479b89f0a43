package dev.confidant.core.internal.pipeline;

import dev.confidant.api.spi.EngineOption;
import dev.confidant.core.AccessPolicy;

/** How the engine's own stages read the builder's {@link AccessPolicy}. Constants only. */
public final class AccessControl {
  /** The engine's access policy, set by the engine builder; not meant to be set by users. */
  public static final EngineOption<AccessPolicy> POLICY =
      EngineOption.of("core.access-policy", AccessPolicy.class, AccessPolicy.OPEN);

  private AccessControl() {}
}
