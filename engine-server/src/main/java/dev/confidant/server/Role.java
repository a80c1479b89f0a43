package dev.confidant.server;

/**
 * A member's role in a space. Each role includes the rights of the roles before it. Immutable.
 */
public enum Role {
  /** Chat and search in the space. */
  VIEWER,
  /** A viewer who may also upload files and ingest documents. */
  EDITOR,
  /** An editor who may also manage collections and members. */
  ADMIN;

  /** Whether this role grants at least the rights of {@code required}. */
  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }
}
