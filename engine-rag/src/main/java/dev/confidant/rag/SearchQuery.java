package dev.confidant.rag;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A search in one space. Immutable; vary it with {@code with*}. Only the given space is ever searched; empty
 * collection and source filters mean "the whole space", and when both are given a chunk matches either.
 *
 * @param spaceId the space to search
 * @param text the query text
 * @param mode the ranking
 * @param k how many hits at most
 * @param minScore hits scoring below this are dropped (in the mode's own scale; 0 keeps all)
 * @param collectionIds only these collections, or empty
 * @param sourceIds only these documents, or empty
 */
public record SearchQuery(
    String spaceId, String text, SearchMode mode, int k, double minScore, List<String> collectionIds,
    List<String> sourceIds) {

  public SearchQuery {
    requireNonNull(spaceId, "spaceId");
    requireNonNull(text, "text");
    requireNonNull(mode, "mode");
    if (k < 1 || k > 10_000) {
      throw new IllegalArgumentException("k must be in [1, 10000], was " + k);
    }
    collectionIds = List.copyOf(collectionIds);
    sourceIds = List.copyOf(sourceIds);
  }

  /** A hybrid search of the whole space for the top 10. */
  public static SearchQuery of(String spaceId, String text) {
    return new SearchQuery(spaceId, text, SearchMode.HYBRID, 10, 0, List.of(), List.of());
  }

  /** A copy with other mode. */
  public SearchQuery withMode(SearchMode mode) {
    return new SearchQuery(spaceId, text, mode, k, minScore, collectionIds, sourceIds);
  }

  /** A copy with other k. */
  public SearchQuery withK(int k) {
    return new SearchQuery(spaceId, text, mode, k, minScore, collectionIds, sourceIds);
  }

  /** A copy with other min score. */
  public SearchQuery withMinScore(double minScore) {
    return new SearchQuery(spaceId, text, mode, k, minScore, collectionIds, sourceIds);
  }

  /** A copy with other collections. */
  public SearchQuery withCollections(List<String> collectionIds) {
    return new SearchQuery(spaceId, text, mode, k, minScore, collectionIds, sourceIds);
  }

  /** A copy with other sources. */
  public SearchQuery withSources(List<String> sourceIds) {
    return new SearchQuery(spaceId, text, mode, k, minScore, collectionIds, sourceIds);
  }
}
