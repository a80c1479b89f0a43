package dev.confidant.pii;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.RequestContext;
import java.util.Map;

/**
 * A request's pseudonymization option, which the {@code pseudonymization} stage reads: whether to mask personal
 * data before it reaches a model, whether to mask organisation data too, and the caller's own mapping (what the
 * REST API's {@code X-Apply-Pii-Pseudonymization}, {@code X-Apply-Oii-Pseudonymization} and {@code X-Pii-Mapping}
 * headers carry). Immutable; {@link #toString()} never shows the mapping's values.
 *
 * {@snippet class=dev.confidant.pii.PiiSnippets region=pseudonymization}
 *
 * @param personalData mask personal data before it reaches a model ({@link #OFF}: false)
 * @param organisationData also mask organisation data; effective only with {@code personalData} ({@link #OFF}:
 *     true)
 * @param callerMapping placeholder to real value, supplied by the caller; copied, immutable, in the caller's
 *     iteration order (the first placeholder of a value is the one it is re-found as); copying a copy is free
 */
public record Pseudonymization(boolean personalData, boolean organisationData, Map<String, String> callerMapping) {
  /** The request option; absent means {@link #OFF}. */
  public static final RequestContext.Option<Pseudonymization> KEY =
      new RequestContext.Option<>("pii.pseudonymization", Pseudonymization.class);
  /** Nothing masked: the default of a request without the option. */
  public static final Pseudonymization OFF = new Pseudonymization(false, true, Map.of());
  /** Personal and organisation data masked, no caller mapping. */
  public static final Pseudonymization ON = new Pseudonymization(true, true, Map.of());

  /**
   * @throws NullPointerException if the mapping holds a {@code null} key or value
   */
  public Pseudonymization {
    callerMapping = OrderedMap.copyOf(requireNonNull(callerMapping, "callerMapping"));
  }

  /** Switches personal and organisation data masking, keeping no caller mapping. */
  public static Pseudonymization of(boolean personalData, boolean organisationData) {
    return new Pseudonymization(personalData, organisationData, Map.of());
  }

  /** The option of a request, or {@link #OFF} when it sets none. */
  public static Pseudonymization of(RequestContext request) {
    return request.option(KEY).orElse(OFF);
  }

  /** A copy with this caller mapping. */
  public Pseudonymization withCallerMapping(Map<String, String> callerMapping) {
    return new Pseudonymization(personalData, organisationData, callerMapping);
  }

  @Override
  public String toString() {
    return "Pseudonymization[personalData=" + personalData + ", organisationData=" + organisationData
        + ", callerMapping=<" + callerMapping.size() + " entries>]";
  }
}
