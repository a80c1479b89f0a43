package dev.confidant.server.internal.http;

import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.RequestContext;
import dev.confidant.api.Violation;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.KnowledgeSources;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Checks that the collection and file ids a request names exist in its space, so that a typo is a 422 naming the
 * id instead of an answer that silently lacks the knowledge. Ids are looked up in the server's knowledge base (the
 * one passed to {@code ConfidantServer.Builder#knowledgeBase}, else the server's own), in the space the retrieval
 * stage searches ({@link KnowledgeBase#spaceOf}): an id of another space reads as unknown. Stateless.
 */
final class KnowledgeIds {
  private KnowledgeIds() {}

  /** A violation per header naming ids the knowledge base does not have in the request's space. */
  static List<Violation> unknownSources(KnowledgeBase kb, RequestContext context) {
    List<Violation> violations = new ArrayList<>();
    KnowledgeSources sources = KnowledgeSources.of(context);
    if (sources.isEmpty()) {
      return violations;
    }
    String space = KnowledgeBase.spaceOf(context);
    List<String> collections = sources.collectionIds().stream()
        .filter(id -> !exists(() -> kb.collection(space, id).isPresent())).toList();
    if (!collections.isEmpty()) {
      violations.add(Violation.of(List.of("header", ContextHeaders.X_COLLECTIONS.lowerCase()),
          "Unknown collection ids in space '" + space + "': " + collections + "; GET /v1/spaces/" + space
              + "/collections lists the space's collections", "value_error"));
    }
    List<String> files = unknownSourceIds(kb, space, sources.fileIds());
    if (!files.isEmpty()) {
      violations.add(Violation.of(List.of("header", ContextHeaders.X_FILES.lowerCase()),
          "Unknown source ids in space '" + space + "': " + files + "; use the source_ids that POST /v1/files/ "
              + "returned", "value_error"));
    }
    return violations;
  }

  /** The ids among {@code sourceIds} that are no document (indexed, pending or failed) of the space. */
  static List<String> unknownSourceIds(KnowledgeBase kb, String space, List<String> sourceIds) {
    return sourceIds.stream().filter(id -> !exists(() -> kb.documentStatus(space, id).isPresent())).toList();
  }

  private static boolean exists(BooleanSupplier lookup) {
    try {
      return lookup.getAsBoolean();
    } catch (InvalidRequestException malformed) {
      return false; // an id the knowledge base could never have stored (e.g. with a ':')
    }
  }
}
