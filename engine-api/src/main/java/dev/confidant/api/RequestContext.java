package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who asks, in which scope, in which trace: the principal, the space, the conversation thread and the trace ids,
 * plus typed {@linkplain Option options} that the modules reading them own. Immutable; vary it with {@code with*}.
 *
 * <p>A feature module declares its options next to the code that reads them (engine-pii's pseudonymization
 * switches and caller mapping, engine-rag's knowledge sources, engine-openai's caller endpoint); this type knows
 * none of them. An edge adapter (the REST server) maps its headers to them.
 *
 * {@snippet class=dev.confidant.api.ApiSnippets region=context}
 *
 * <p>Options are bounded by the code, not by the caller: at most one value per {@link Option}, and options are
 * constants declared by modules.
 *
 * @param principal the authenticated caller ({@code "anonymous"} in-process without auth)
 * @param spaceId the space the request is scoped to, or {@code null} for the caller's personal scope
 * @param threadId the conversation thread, or {@code null}
 * @param traceId the trace id propagated from the caller, or {@code null}
 * @param parentSpanId the caller's span id, or {@code null}
 * @param options the options set, by key; copied, immutable, in the order they were set
 */
public record RequestContext(
    String principal,
    @Nullable String spaceId,
    @Nullable String threadId,
    @Nullable String traceId,
    @Nullable String parentSpanId,
    Map<Option<?>, Object> options) {

  private static final RequestContext ANONYMOUS = new RequestContext("anonymous", null, null, null, null, Map.of());

  /**
   * @throws ClassCastException if an option's value is not of the option's type
   */
  public RequestContext {
    requireNonNull(principal, "principal");
    Map<Option<?>, Object> copy = new LinkedHashMap<>();
    options.forEach((key, value) -> copy.put(requireNonNull(key, "option"), key.type().cast(
        requireNonNull(value, "option value"))));
    options = Collections.unmodifiableMap(copy);
  }

  /** No principal, no space, no options. */
  public static RequestContext anonymous() {
    return ANONYMOUS;
  }

  /** A context for this principal in this space. */
  public static RequestContext of(String principal, @Nullable String spaceId) {
    return ANONYMOUS.withPrincipal(principal).withSpaceId(spaceId);
  }

  /** The value of an option, if set; the option's owner knows its default. */
  public <T> Optional<T> option(Option<T> option) {
    return Optional.ofNullable(options.get(requireNonNull(option, "option"))).map(option.type()::cast);
  }

  /** A copy with this option set, or removed when {@code value} is {@code null}. */
  public <T> RequestContext with(Option<T> option, @Nullable T value) {
    requireNonNull(option, "option");
    Map<Option<?>, Object> copy = new LinkedHashMap<>(options);
    if (value == null) {
      copy.remove(option);
    } else {
      copy.put(option, value);
    }
    return new RequestContext(principal, spaceId, threadId, traceId, parentSpanId, copy);
  }

  public RequestContext withPrincipal(String principal) {
    return new RequestContext(principal, spaceId, threadId, traceId, parentSpanId, options);
  }

  public RequestContext withSpaceId(@Nullable String spaceId) {
    return new RequestContext(principal, spaceId, threadId, traceId, parentSpanId, options);
  }

  public RequestContext withThreadId(@Nullable String threadId) {
    return new RequestContext(principal, spaceId, threadId, traceId, parentSpanId, options);
  }

  /** Sets the trace ids propagated from the caller. */
  public RequestContext withTrace(@Nullable String traceId, @Nullable String parentSpanId) {
    return new RequestContext(principal, spaceId, threadId, traceId, parentSpanId, options);
  }

  /** Names the options set, never their values (a caller mapping holds personal data, an endpoint a key). */
  @Override
  public String toString() {
    return "RequestContext[principal=" + principal + ", spaceId=" + spaceId + ", threadId=" + threadId
        + ", traceId=" + traceId + ", options=" + options.keySet().stream().map(Option::name).toList() + "]";
  }

  /**
   * A typed option of a request, declared as a constant by the module that reads it; options are equal when their
   * names and types are, so name them after their module ({@code pii.pseudonymization}).
   *
   * @param name a unique dotted name
   * @param type the value type
   * @param <T> the value type
   */
  public record Option<T>(String name, Class<T> type) {
    public Option {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
    }
  }
}
