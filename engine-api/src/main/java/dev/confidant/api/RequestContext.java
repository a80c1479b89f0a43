package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Who asks and in which scope: what the REST API carries in headers ({@code X-Aimable-Space-Id},
 * {@code X-Apply-Pii-Pseudonymization}, {@code X-Pii-Mapping}, ...). Immutable; vary it with {@code with*}.
 *
 * @param principal the authenticated caller ({@code "anonymous"} in-process without auth)
 * @param spaceId the space the request is scoped to, or {@code null}
 * @param modelId the model id from {@code X-Model}, or {@code null} to use the body's {@code model}
 * @param piiPseudonymization mask personal data before it reaches a model (default false)
 * @param oiiPseudonymization mask organisation data (default true; effective only with PII pseudonymization)
 * @param callerMapping placeholder to real value, supplied by the caller ({@code X-Pii-Mapping}); copied, immutable,
 *     in the caller's iteration order (the first placeholder of a value is the one it is re-found as)
 * @param collectionIds knowledge collections to ground the answer in
 * @param fileIds uploaded files to ground the answer in
 * @param threadId the conversation thread, or {@code null}
 * @param traceId {@code X-Trace-Id}, or {@code null}
 * @param parentSpanId {@code X-Parent-Span-Id}, or {@code null}
 * @param modelEndpoint a caller-chosen endpoint for models of the {@code openai} backend
 *     ({@code X-Model-Api-Base-Url} / {@code X-Model-Api-Key}), or {@code null} for the configured one; the
 *     engine trusts it, so an edge adapter sets it only where the caller's space allows it
 */
public record RequestContext(
    String principal,
    @Nullable String spaceId,
    @Nullable String modelId,
    boolean piiPseudonymization,
    boolean oiiPseudonymization,
    Map<String, String> callerMapping,
    List<String> collectionIds,
    List<String> fileIds,
    @Nullable String threadId,
    @Nullable String traceId,
    @Nullable String parentSpanId,
    @Nullable ModelApiEndpoint modelEndpoint) {

  private static final RequestContext ANONYMOUS =
      new RequestContext("anonymous", null, null, false, true, Map.of(), List.of(), List.of(), null, null, null);

  public RequestContext {
    requireNonNull(principal, "principal");
    callerMapping = callerMapping == null ? Map.of() : OrderedMap.copyOf(callerMapping);
    collectionIds = collectionIds == null ? List.of() : List.copyOf(collectionIds);
    fileIds = fileIds == null ? List.of() : List.copyOf(fileIds);
  }

  /** A context without a {@linkplain #modelEndpoint() model endpoint}: the signature before it was added. */
  public RequestContext(String principal, @Nullable String spaceId, @Nullable String modelId,
      boolean piiPseudonymization, boolean oiiPseudonymization, Map<String, String> callerMapping,
      List<String> collectionIds, List<String> fileIds, @Nullable String threadId, @Nullable String traceId,
      @Nullable String parentSpanId) {
    this(principal, spaceId, modelId, piiPseudonymization, oiiPseudonymization, callerMapping, collectionIds,
        fileIds, threadId, traceId, parentSpanId, null);
  }

  /** No principal, no space, no pseudonymization. */
  public static RequestContext anonymous() {
    return ANONYMOUS;
  }

  /** A context for this principal in this space. */
  public static RequestContext of(String principal, @Nullable String spaceId) {
    return ANONYMOUS.withPrincipal(principal).withSpaceId(spaceId);
  }

  public RequestContext withPrincipal(String principal) {
    return new RequestContext(principal, spaceId, modelId, piiPseudonymization, oiiPseudonymization, callerMapping,
        collectionIds, fileIds, threadId, traceId, parentSpanId, modelEndpoint);
  }

  public RequestContext withSpaceId(@Nullable String spaceId) {
    return new RequestContext(principal, spaceId, modelId, piiPseudonymization, oiiPseudonymization, callerMapping,
        collectionIds, fileIds, threadId, traceId, parentSpanId, modelEndpoint);
  }

  public RequestContext withModelId(@Nullable String modelId) {
    return new RequestContext(principal, spaceId, modelId, piiPseudonymization, oiiPseudonymization, callerMapping,
        collectionIds, fileIds, threadId, traceId, parentSpanId, modelEndpoint);
  }

  /** Switches PII and OII pseudonymization. */
  public RequestContext withPseudonymization(boolean pii, boolean oii) {
    return new RequestContext(principal, spaceId, modelId, pii, oii, callerMapping,
        collectionIds, fileIds, threadId, traceId, parentSpanId, modelEndpoint);
  }

  public RequestContext withCallerMapping(Map<String, String> callerMapping) {
    return new RequestContext(principal, spaceId, modelId, piiPseudonymization, oiiPseudonymization, callerMapping,
        collectionIds, fileIds, threadId, traceId, parentSpanId, modelEndpoint);
  }

  /** Sets the knowledge collections and uploaded files to ground the answer in. */
  public RequestContext withSources(List<String> collectionIds, List<String> fileIds) {
    return new RequestContext(principal, spaceId, modelId, piiPseudonymization, oiiPseudonymization, callerMapping,
        collectionIds, fileIds, threadId, traceId, parentSpanId, modelEndpoint);
  }

  public RequestContext withThreadId(@Nullable String threadId) {
    return new RequestContext(principal, spaceId, modelId, piiPseudonymization, oiiPseudonymization, callerMapping,
        collectionIds, fileIds, threadId, traceId, parentSpanId, modelEndpoint);
  }

  /** Sets the trace ids propagated from the caller. */
  public RequestContext withTrace(@Nullable String traceId, @Nullable String parentSpanId) {
    return new RequestContext(principal, spaceId, modelId, piiPseudonymization, oiiPseudonymization, callerMapping,
        collectionIds, fileIds, threadId, traceId, parentSpanId, modelEndpoint);
  }

  /** Sets the caller-chosen endpoint of {@code openai}-backend models, or {@code null} for the configured one. */
  public RequestContext withModelEndpoint(@Nullable ModelApiEndpoint modelEndpoint) {
    return new RequestContext(principal, spaceId, modelId, piiPseudonymization, oiiPseudonymization, callerMapping,
        collectionIds, fileIds, threadId, traceId, parentSpanId, modelEndpoint);
  }

  /** Never prints the caller mapping (it holds personal data) nor the model endpoint's key. */
  @Override
  public String toString() {
    return "RequestContext[principal=" + principal + ", spaceId=" + spaceId + ", modelId=" + modelId
        + ", pii=" + piiPseudonymization + ", oii=" + oiiPseudonymization + ", callerMapping=<"
        + callerMapping.size() + " entries>, collectionIds=" + collectionIds + ", fileIds=" + fileIds
        + ", threadId=" + threadId + ", traceId=" + traceId + ", modelEndpoint=" + modelEndpoint + "]";
  }
}
