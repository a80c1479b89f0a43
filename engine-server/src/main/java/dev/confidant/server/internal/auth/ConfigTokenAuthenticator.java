package dev.confidant.server.internal.auth;

import dev.confidant.server.Authenticator;
import dev.confidant.server.Principal;
import dev.confidant.server.ServerConfig;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks a bearer token against the SHA-256 hashes of {@link ServerConfig#tokens()}. Immutable and thread-safe.
 *
 * <p>Only hashes are kept, so a leaked configuration does not leak tokens. The presented token is hashed and
 * compared with every stored hash in constant time ({@link MessageDigest#isEqual}), without stopping at the first
 * match, so response timing says nothing about how close a guess was or which entry matched.
 */
public final class ConfigTokenAuthenticator implements Authenticator {
  private record Entry(byte[] hash, Principal principal) {}

  private final List<Entry> entries;

  public ConfigTokenAuthenticator(List<ServerConfig.Token> tokens) {
    this.entries = tokens.stream()
        .map(t -> new Entry(HexFormat.of().parseHex(t.sha256()), new Principal(t.principal())))
        .toList();
  }

  @Override
  public Optional<Principal> authenticate(String bearerToken) {
    byte[] presented = TokenHashes.sha256(bearerToken);
    Principal found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.hash(), presented) && found == null) {
        found = entry.principal();
      }
    }
    return Optional.ofNullable(found);
  }
}
