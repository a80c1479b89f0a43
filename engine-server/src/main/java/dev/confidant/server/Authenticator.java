package dev.confidant.server;

import java.util.Optional;

/**
 * Turns a bearer token into a {@link Principal}. The default implementation checks the SHA-256 hashes of the tokens
 * in {@link ServerConfig#tokens()}; a JWT or OIDC implementation can be passed to
 * {@link ConfidantServer.Builder#authenticator(Authenticator)} instead.
 *
 * <p>Implementations must be thread-safe (every request calls them concurrently), must not block for long, and
 * must never log the token.
 */
@FunctionalInterface
public interface Authenticator {

  /**
   * Authenticates a bearer token.
   *
   * @param bearerToken the token after {@code "Bearer "}, never empty
   * @return the caller, or empty if the token is not valid (the server answers 401)
   */
  Optional<Principal> authenticate(String bearerToken);
}
