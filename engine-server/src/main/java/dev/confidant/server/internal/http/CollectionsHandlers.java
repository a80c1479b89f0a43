package dev.confidant.server.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.Violation;
import dev.confidant.rag.DocumentFormat;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.IngestionJob;
import dev.confidant.rag.IngestionListener;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.KnowledgeCollection;
import dev.confidant.core.AccessPolicy;
import dev.confidant.server.Principal;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code /v1/spaces/{space_id}/collections} and {@code .../collections/{collection_id}/documents}: thin adapters
 * over {@link KnowledgeBase}. Listing needs the viewer role, uploading documents the editor role, creating
 * collections the admin role. Thread-safe.
 */
final class CollectionsHandlers {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final Guard guard;
  private final Supplier<KnowledgeBase> knowledge;
  private final long maxBodyBytes;

  CollectionsHandlers(Guard guard, Supplier<KnowledgeBase> knowledge, long maxBodyBytes) {
    this.guard = guard;
    this.knowledge = knowledge;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** {@code POST /v1/spaces/{space_id}/collections}: 201 with {@code collection_id}, {@code space_id}. */
  void create(ServerRequest req, ServerResponse res) {
    String space = authorize(req, AccessPolicy.Operation.MANAGE_COLLECTIONS);
    JsonBody body = JsonBody.parse(BodyReader.read(req, maxBodyBytes));
    String name = body.requiredString("name");
    String id = body.optionalString("collection_id");
    body.rejectUnknownFields("name", "collection_id");
    body.check();
    if (id != null && !ID.matcher(id).matches()) {
      throw InvalidRequestException.of(List.of("body", "collection_id"),
          "String should match pattern '" + ID.pattern() + "'", "string_pattern_mismatch");
    }
    KnowledgeCollection c = id == null ? knowledge.get().createCollection(space, name)
        : knowledge.get().createCollection(space, id, name);
    ObjectNode out = collection(c);
    out.put("created_at", Instant.now().toString());
    res.status(201);
    json(res, out);
  }

  /** {@code GET /v1/spaces/{space_id}/collections}. */
  void list(ServerRequest req, ServerResponse res) {
    String space = authorize(req, AccessPolicy.Operation.READ_KNOWLEDGE);
    ObjectNode out = JsonBodies.MAPPER.createObjectNode();
    ArrayNode data = out.putArray("data");
    knowledge.get().collections(space).forEach(c -> data.add(collection(c)));
    json(res, out);
  }

  /** {@code POST .../collections/{collection_id}/documents}: multipart {@code files}; 202 with source ids. */
  void upload(ServerRequest req, ServerResponse res) {
    String space = authorize(req, AccessPolicy.Operation.WRITE_KNOWLEDGE);
    String collectionId = pathId(req, "collection_id");
    requireCollection(space, collectionId);
    List<DocumentInput> documents = files(req, maxBodyBytes);
    IngestionJob job = knowledge.get().ingest(space, collectionId, documents, IngestionListener.NONE);
    res.status(202);
    json(res, statuses(job.statuses()));
  }

  /** {@code GET .../collections/{collection_id}/documents}. */
  void documents(ServerRequest req, ServerResponse res) {
    String space = authorize(req, AccessPolicy.Operation.READ_KNOWLEDGE);
    String collectionId = pathId(req, "collection_id");
    requireCollection(space, collectionId);
    json(res, statuses(knowledge.get().documents(space, collectionId)));
  }

  /** {@code GET .../collections/{collection_id}/documents/{source_id}}. */
  void document(ServerRequest req, ServerResponse res) {
    String space = authorize(req, AccessPolicy.Operation.READ_KNOWLEDGE);
    String collectionId = pathId(req, "collection_id");
    String sourceId = pathId(req, "source_id");
    DocumentStatus status = knowledge.get().documentStatus(space, sourceId)
        .filter(s -> s.collectionId().equals(collectionId))
        .orElseThrow(() -> HttpProblem.of(404, "Document not found"));
    json(res, status(status));
  }

  /** The uploaded files of a multipart body (field {@code files}) as documents. */
  static List<DocumentInput> files(ServerRequest req, long maxBodyBytes) {
    byte[] body = BodyReader.read(req, maxBodyBytes);
    List<DocumentInput> documents = new ArrayList<>();
    List<Violation> violations = new ArrayList<>();
    int index = 0;
    for (Multipart.Part part : Multipart.parse(req.headers().contentType().map(Object::toString).orElse(null),
        body)) {
      if (!part.name().equals("files")) {
        continue;
      }
      String fileName = part.fileName() == null || part.fileName().isBlank() ? "upload.txt" : part.fileName();
      var format = DocumentFormat.fromFileName(fileName);
      if (format.isEmpty()) {
        violations.add(Violation.of(List.of("body", "files", index), "Unsupported file type; supported: "
            + List.of(DocumentFormat.values()), "value_error"));
      } else {
        documents.add(new DocumentInput.BytesInput(fileName, format.get(), part.content(), null));
      }
      index++;
    }
    if (documents.isEmpty() && violations.isEmpty()) {
      violations.add(Violation.of(List.of("body", "files"), "Field required", "missing"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    return documents;
  }

  static ObjectNode statuses(List<DocumentStatus> statuses) {
    ObjectNode out = JsonBodies.MAPPER.createObjectNode();
    ArrayNode ids = out.putArray("source_ids");
    ArrayNode data = out.putArray("documents");
    for (DocumentStatus s : statuses) {
      ids.add(s.sourceId());
      data.add(status(s));
    }
    return out;
  }

  private static ObjectNode status(DocumentStatus s) {
    ObjectNode d = JsonBodies.MAPPER.createObjectNode();
    d.put("source_id", s.sourceId());
    d.put("collection_id", s.collectionId());
    d.put("title", s.title());
    d.put("status", s.state().name().toLowerCase(java.util.Locale.ROOT));
    d.put("chunks", s.chunks());
    if (s.reason() != null) {
      d.put("reason", s.reason());
    }
    return d;
  }

  private static ObjectNode collection(KnowledgeCollection c) {
    ObjectNode out = JsonBodies.MAPPER.createObjectNode();
    out.put("collection_id", c.id());
    out.put("space_id", c.spaceId());
    out.put("name", c.name());
    return out;
  }

  private String authorize(ServerRequest req, AccessPolicy.Operation operation) {
    Principal principal = guard.authenticate(req.headers());
    String space = pathId(req, "space_id");
    return guard.space(req.headers(), space, principal, operation).orElseThrow();
  }

  private void requireCollection(String space, String collectionId) {
    if (knowledge.get().collection(space, collectionId).isEmpty()) {
      throw HttpProblem.of(404, "Collection not found");
    }
  }

  static String pathId(ServerRequest req, String name) {
    String value = req.path().pathParameters().get(name);
    if (!ID.matcher(value).matches()) {
      throw InvalidRequestException.of(List.of("path", name), "String should match pattern '" + ID.pattern() + "'",
          "string_pattern_mismatch");
    }
    return value;
  }

  private static void json(ServerResponse res, ObjectNode body) {
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(JsonBodies.bytes(body));
  }
}
