package dev.confidant.rag;

import dev.confidant.api.RequestContext;
import java.util.List;

/**
 * A request's knowledge option, which the retrieval stage and the {@code knowledge_search} tool read: the
 * collections and uploaded files (source ids) of the request's space to ground the answer in (what the REST API's
 * {@code X-Collection-Ids} and {@code X-Uploaded-Files} headers carry). Immutable.
 *
 * {@snippet class=dev.confidant.rag.RagSnippets region=sources}
 *
 * @param collectionIds knowledge collections of the request's space; copied
 * @param fileIds uploaded files (source ids) of the request's space; copied
 */
public record KnowledgeSources(List<String> collectionIds, List<String> fileIds) {
  /** The request option; absent means {@link #NONE}. */
  public static final RequestContext.Option<KnowledgeSources> KEY =
      new RequestContext.Option<>("rag.sources", KnowledgeSources.class);
  /** No sources: nothing is searched. */
  public static final KnowledgeSources NONE = new KnowledgeSources(List.of(), List.of());

  public KnowledgeSources {
    collectionIds = List.copyOf(collectionIds);
    fileIds = List.copyOf(fileIds);
  }

  /** These collections, no files. */
  public static KnowledgeSources ofCollections(List<String> collectionIds) {
    return new KnowledgeSources(collectionIds, List.of());
  }

  /** The option of a request, or {@link #NONE} when it sets none. */
  public static KnowledgeSources of(RequestContext request) {
    return request.option(KEY).orElse(NONE);
  }

  /** Whether no collection and no file is named. */
  public boolean isEmpty() {
    return collectionIds.isEmpty() && fileIds.isEmpty();
  }
}
