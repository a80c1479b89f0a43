package dev.confidant.core;

/**
 * A member's role in a space ({@link AccessPolicy}). Each role includes the rights of the roles before it.
 * Immutable.
 */
public enum SpaceRole {
  /** Chat, search and detect personal data in the space. */
  VIEWER,
  /** A viewer who may also upload files and ingest documents. */
  EDITOR,
  /** An editor who may also manage collections, members and other members' PII mappings. */
  ADMIN;

  /** Whether this role grants at least the rights of {@code required}. */
  public boolean includes(SpaceRole required) {
    return compareTo(required) >= 0;
  }
}
