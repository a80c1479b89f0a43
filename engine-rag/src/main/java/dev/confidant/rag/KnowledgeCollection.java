package dev.confidant.rag;

import static java.util.Objects.requireNonNull;

/**
 * A named set of documents inside a space. Immutable.
 *
 * @param spaceId the space holding the collection
 * @param id the collection id, unique within its space
 * @param name a display name (renamable)
 */
public record KnowledgeCollection(String spaceId, String id, String name) {
  public KnowledgeCollection {
    requireNonNull(spaceId, "spaceId");
    requireNonNull(id, "id");
    requireNonNull(name, "name");
  }
}
