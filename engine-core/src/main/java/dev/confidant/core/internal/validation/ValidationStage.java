package dev.confidant.core.internal.validation;

import dev.confidant.api.CompletionStream;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.Violation;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.core.AccessPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@link RequestValidator} and stops an invalid request before it proceeds. Knows the engine's server tools
 * and which of them the request's space may use, so that {@code tool_choice} may name one of those. Immutable and
 * thread-safe.
 */
final class ValidationStage implements PipelineStage {
  private final RequestValidator validator;
  private final List<String> serverTools;
  private final AccessPolicy policy;

  ValidationStage(RequestValidator validator, List<String> serverTools, AccessPolicy policy) {
    this.validator = validator;
    this.serverTools = List.copyOf(serverTools);
    this.policy = policy;
  }

  /**
   * @throws InvalidRequestException listing every violation, without calling {@code proceed}
   */
  @Override
  public CompletionStream intercept(Chain chain) {
    List<Violation> violations = validator.validate(chain.request(), Set.of(),
        serverToolNames(chain.context().request().spaceId()));
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    return chain.proceed(chain.request());
  }

  private RequestValidator.ServerToolNames serverToolNames(@Nullable String space) {
    if (serverTools.isEmpty()) {
      return RequestValidator.ServerToolNames.NONE;
    }
    Set<String> allowed = new HashSet<>();
    Set<String> forbidden = new HashSet<>();
    for (String name : serverTools) {
      (policy.allowsTool(space, name) ? allowed : forbidden).add(name);
    }
    return new RequestValidator.ServerToolNames(allowed, forbidden, space);
  }
}
