package dev.confidant.server.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.RequestContext;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.FileSearchResult;
import dev.confidant.rag.IngestionJob;
import dev.confidant.rag.IngestionListener;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.core.AccessPolicy;
import dev.confidant.server.Principal;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code POST /v1/files/} (multipart {@code files} to {@code source_ids}) and {@code POST /v1/files/search}, in the
 * request's space ({@code X-Aimable-Space-Id} or the default space). Uploading needs the editor role, searching the
 * viewer role. Thread-safe.
 */
final class FilesHandlers {
  /** Uploads are indexed before the answer, so the returned ids work in {@code X-Uploaded-Files} at once. */
  private static final Duration INGEST_WAIT = Duration.ofSeconds(60);

  private final Guard guard;
  private final Supplier<KnowledgeBase> knowledge;
  private final long maxBodyBytes;

  FilesHandlers(Guard guard, Supplier<KnowledgeBase> knowledge, long maxBodyBytes) {
    this.guard = guard;
    this.knowledge = knowledge;
    this.maxBodyBytes = maxBodyBytes;
  }

  void upload(ServerRequest req, ServerResponse res) {
    Principal principal = guard.authenticate(req.headers());
    String space = space(req, principal, AccessPolicy.Operation.WRITE_KNOWLEDGE);
    List<DocumentInput> documents = CollectionsHandlers.files(req, maxBodyBytes);
    RequestContext context = RequestContext.of(principal.name(), space)
        .withThreadId(req.headers().first(ContextHeaders.X_THREAD).orElse(null));
    String collection = KnowledgeBase.uploadCollectionOf(context);
    knowledge.get().ensureCollection(space, collection);
    IngestionJob job = knowledge.get().ingest(space, collection, documents, IngestionListener.NONE);
    try {
      job.await(INGEST_WAIT);
    } catch (IllegalStateException slow) {
      // Still indexing: answer with the ids anyway; the statuses say which documents are pending.
    }
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(JsonBodies.bytes(CollectionsHandlers.statuses(job.statuses())));
  }

  void search(ServerRequest req, ServerResponse res) {
    Principal principal = guard.authenticate(req.headers());
    JsonBody body = JsonBody.parse(BodyReader.read(req, maxBodyBytes));
    String query = body.requiredString("search_query");
    // Required and non-empty: without source ids the search would silently find nothing.
    List<String> sourceIds = body.requiredStringList("source_ids");
    Integer k = body.optionalInt("k");
    body.rejectUnknownFields("search_query", "source_ids", "k");
    body.check();
    String space = space(req, principal, AccessPolicy.Operation.READ_KNOWLEDGE);
    int limit = k == null ? 5 : k;
    if (limit < 1 || limit > 100) {
      throw InvalidRequestException.of(List.of("body", "k"), "Input should be between 1 and 100",
          "less_than_equal");
    }
    List<String> unknown = KnowledgeIds.unknownSourceIds(knowledge.get(), space, sourceIds);
    if (!unknown.isEmpty()) {
      throw InvalidRequestException.of(List.of("body", "source_ids"), "Unknown source ids in space '" + space
          + "': " + unknown + "; use the source_ids that POST /v1/files/ returned", "value_error");
    }
    ObjectNode out = JsonBodies.MAPPER.createObjectNode();
    ArrayNode results = out.putArray("results");
    for (FileSearchResult r : knowledge.get().searchFiles(space, sourceIds, query, limit)) {
      ObjectNode item = results.addObject();
      item.put("source_id", r.sourceId());
      item.put("content", r.content());
      item.put("chunk_id", r.chunkId());
      item.put("score", r.score());
    }
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(JsonBodies.bytes(out));
  }

  private String space(ServerRequest req, Principal principal, AccessPolicy.Operation operation) {
    return guard.space(req.headers(), null, principal, operation)
        .orElseThrow(() -> InvalidRequestException.of(List.of("header", "x-aimable-space-id"), "Field required",
            "missing"));
  }
}
