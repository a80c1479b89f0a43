package dev.confidant.server.internal.http;

import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.Violation;
import dev.confidant.server.Authenticator;
import dev.confidant.server.Principal;
import dev.confidant.server.Role;
import dev.confidant.server.ServerConfig;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates the bearer token and checks the caller's role in the request's space. Immutable and thread-safe.
 *
 * <p>An unknown space and a space the caller is no member of answer the same 403, so that a caller cannot learn
 * which spaces exist; it names the spaces the caller may use.
 */
final class Guard {
  private static final String BEARER = "bearer ";

  private final Authenticator authenticator;
  private final ServerConfig config;

  Guard(Authenticator authenticator, ServerConfig config) {
    this.authenticator = authenticator;
    this.config = config;
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
   * The space a request is scoped to (header, else the configured default) after checking the caller's role.
   *
   * @param pathSpace the space named in the path, or {@code null}
   * @param required the least role the operation needs
   * @return the space id, or empty when the request names none and there is no default space
   * @throws InvalidRequestException if the space header is malformed
   * @throws HttpProblem 403 if the caller lacks the role in that space
   */
  Optional<String> space(Headers headers, @Nullable String pathSpace, Principal principal, Role required) {
    List<Violation> violations = new ArrayList<>();
    Optional<String> header = ContextHeaders.spaceId(headers, violations);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    String space = pathSpace != null ? pathSpace : header.orElse(config.defaultSpace());
    if (space == null) {
      return Optional.empty();
    }
    requireRole(principal, space, required);
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
        .filter(space -> config.role(principal.name(), space).isPresent());
  }

  /**
   * Whether chat requests in this space may name their own model endpoint ({@code X-Model-Api-Base-Url}).
   */
  boolean allowsCustomModelEndpoint(@Nullable String space) {
    return space != null && config.allowsCustomModelEndpoint(space);
  }

  /**
   * Checks the caller's role in a space.
   *
   * @throws HttpProblem 403 if the caller is no member or has a lesser role
   */
  Role requireRole(Principal principal, String space, Role required) {
    Role role = config.role(principal.name(), space).orElseThrow(() -> notAuthorized(principal, space));
    if (!role.includes(required)) {
      throw HttpProblem.of(403, "This operation needs the " + name(required) + " role in space '" + space
          + "'; your role there is " + name(role), "permission_denied", null);
    }
    return role;
  }

  /**
   * The 403 for a space the caller is no member of. It names the spaces the caller may use (ids only, the caller's
   * own), and reads the same whether the space exists or not, so that nobody learns which other spaces exist.
   */
  private HttpProblem notAuthorized(Principal principal, String space) {
    List<String> own = config.spacesOf(principal.name());
    return HttpProblem.of(403, "Not authorized for space '" + space + "'; "
        + (own.isEmpty() ? "you are a member of no space" : "your spaces: " + own), "permission_denied",
        "x-aimable-space-id");
  }

  private static String name(Role role) {
    return role.name().toLowerCase(java.util.Locale.ROOT);
  }
}
