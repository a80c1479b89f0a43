package dev.confidant.server;

import static java.util.Objects.requireNonNull;

/**
 * An authenticated caller. Space roles are looked up by {@link #name()} in the server configuration. Immutable.
 *
 * @param name the principal's stable name (a configured member name, or a token subject)
 */
public record Principal(String name) {
  public Principal {
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("principal name must not be blank");
    }
  }
}
