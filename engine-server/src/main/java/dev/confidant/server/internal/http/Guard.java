package dev.confidant.server.internal.http;

import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.Violation;
import dev.confidant.server.Authenticator;
import dev.confidant.server.Principal;
import dev.confidant.core.AccessPolicy;
import dev.confidant.core.SpaceRole;
import dev.confidant.server.ServerConfig;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates the bearer token, then asks the engine's {@link AccessPolicy} (mapped from the configuration's
 * spaces) whether the caller may do an operation in the request's space, and answers its refusals as HTTP 403s.
 * The rules themselves live in the policy; this class only speaks HTTP. Immutable and thread-safe.
 *
 * <p>An unknown space and a space the caller is no member of answer the same 403, so that a caller cannot learn
 * which spaces exist; it names the spaces the caller may use.
 */
final class Guard {
  private static final String BEARER = "bearer ";

  private final Authenticator authenticator;
  private final ServerConfig config;
  private final AccessPolicy policy;

  Guard(Authenticator authenticator, ServerConfig config) {
    this.authenticator = authenticator;
    this.config = config;
    this.policy = config.accessPolicy();
  }

  /** The access rules this guard asks. */
  AccessPolicy policy() {
    return policy;
  }

  /**
   * The authenticated caller, or a 401 problem.
   *
   * @throws HttpProblem 401 if the token is missing or invalid, 400 if the request has several
   *     {@code Authorization} headers (one of them would be ignored: a proxy may have checked another one)
   */
  Principal authenticate(Headers headers) {
    if (headers.all(HeaderNames.AUTHORIZATION, List::of).size() > 1) {
      throw HttpProblem.of(400, "Send one Authorization header; this request has several", "duplicate_header",
          "authorization");
    }
    String header = headers.first(HeaderNames.AUTHORIZATION).orElse("");
    if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw HttpProblem.notAuthenticated();
    }
    String token = header.substring(BEARER.length()).strip();
    if (token.isEmpty()) {
      throw HttpProblem.notAuthenticated();
    }
    Optional<Principal> principal;
    try {
      principal = authenticator.authenticate(token);
    } catch (RuntimeException e) {
      // A broken authenticator must not turn into a 500 with details; the caller is simply not authenticated.
      System.getLogger(Guard.class.getName()).log(System.Logger.Level.WARNING,
          "authenticator failed: " + e.getClass().getName());
      throw HttpProblem.notAuthenticated();
    }
    return principal.orElseThrow(HttpProblem::notAuthenticated);
  }

  /**
   * The space a request is scoped to (header, else the configured default) after asking the policy whether the
   * caller may do the operation there.
   *
   * @param pathSpace the space named in the path, or {@code null}
   * @param operation what the caller does
   * @return the space id, or empty when the request names none and there is no default space
   * @throws InvalidRequestException if the space header is malformed
   * @throws HttpProblem 403 if the caller lacks the role in that space
   */
  Optional<String> space(Headers headers, @Nullable String pathSpace, Principal principal,
      AccessPolicy.Operation operation) {
    List<Violation> violations = new ArrayList<>();
    Optional<String> header = ContextHeaders.spaceId(headers, violations);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    String space = pathSpace != null ? pathSpace : header.orElse(config.defaultSpace());
    if (space == null) {
      return Optional.empty();
    }
    require(principal, space, operation);
    if (pathSpace != null && header.isPresent() && !header.get().equals(pathSpace)) {
      // A request may not name one space in the path and act in another through the header.
      throw HttpProblem.of(403, "The space header names '" + header.get() + "' but the path names '" + pathSpace
          + "'; send one space", "permission_denied", null);
    }
    return Optional.of(space);
  }

  /** The configured default space, if the caller is a member of it. */
  Optional<String> defaultSpaceOf(Principal principal) {
    return Optional.ofNullable(config.defaultSpace())
        .filter(space -> policy.role(principal.name(), space).isPresent());
  }

  /**
   * Asks the policy whether the caller may do the operation in a space.
   *
   * @return the caller's role there, or {@code null} under an open policy
   * @throws HttpProblem 403 if the caller is no member (naming the caller's own spaces, and reading the same
   *     whether the space exists or not) or has a lesser role
   */
  @Nullable SpaceRole require(Principal principal, String space, AccessPolicy.Operation operation) {
    return switch (policy.decide(principal.name(), space, operation)) {
      case AccessPolicy.Decision.Allowed allowed -> allowed.role();
      case AccessPolicy.Decision.NotAMember no ->
          throw HttpProblem.of(403, no.message(), "permission_denied", "x-aimable-space-id");
      case AccessPolicy.Decision.RoleTooLow low -> throw HttpProblem.of(403, low.message(), "permission_denied", null);
    };
  }
}
