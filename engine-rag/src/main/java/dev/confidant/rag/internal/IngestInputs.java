package dev.confidant.rag.internal;

import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.Violation;
import dev.confidant.rag.DocumentFormat;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.RagOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks every knowledge base makes before it queues an ingestion (sizes, formats, readable files, valid and
 * distinct source ids), and the source ids of the documents. Stateless and thread-safe.
 */
public final class IngestInputs {
  private IngestInputs() {}

  /**
   * The source ids of the documents, given or derived from their content ({@link ContentIds}).
   *
   * @throws InvalidRequestException listing every refused document: too large, unknown format, missing file,
   *     invalid source id, the same source or content twice
   */
  public static List<String> sourceIds(String collectionId, List<DocumentInput> documents, RagOptions options) {
    List<Violation> violations = new ArrayList<>();
    List<String> sourceIds = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < documents.size(); i++) {
      DocumentInput input = documents.get(i);
      List<Object> loc = List.of("documents", i);
      if (!checkInput(input, loc, violations, options)) {
        sourceIds.add("unreadable_" + i);
        continue;
      }
      String sourceId;
      try {
        sourceId = input.sourceId() != null ? input.sourceId() : ContentIds.of(collectionId, input);
      } catch (UncheckedIOException e) {
        violations.add(Violation.of(loc, e.getMessage() + ": " + e.getCause(), "value_error"));
        sourceIds.add("unreadable_" + i);
        continue;
      }
      try {
        Ids.check("source_id", sourceId);
      } catch (InvalidRequestException e) {
        violations.addAll(e.violations().stream().map(v -> Violation.of(loc, v.msg(), v.type())).toList());
      }
      Integer first = seen.putIfAbsent(sourceId, i);
      if (first != null) {
        violations.add(Violation.of(loc, input.sourceId() != null
            ? "source id '" + sourceId + "' appears twice in one request"
            : "has the same content as documents[" + first + "]; ingest it once", "value_error"));
      }
      sourceIds.add(sourceId);
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    return sourceIds;
  }

  /**
   * Size, format and readability, checked before any work starts.
   *
   * @return whether the content can be read (to derive its id)
   */
  private static boolean checkInput(DocumentInput input, List<Object> loc, List<Violation> violations,
      RagOptions options) {
    long size;
    String name;
    switch (input) {
      case DocumentInput.FileInput f -> {
        name = String.valueOf(f.path().getFileName());
        if (DocumentFormat.fromFileName(name).isEmpty()) {
          violations.add(Violation.of(loc, "file '" + name + "' has an unsupported type; supported: "
              + List.of(DocumentFormat.values()), "value_error"));
        }
        try {
          size = Files.size(f.path());
        } catch (IOException e) {
          violations.add(Violation.of(loc, "file '" + f.path() + "' cannot be read: " + e, "value_error"));
          return false;
        }
      }
      case DocumentInput.BytesInput b -> {
        name = b.fileName();
        size = b.bytes().length;
      }
      case DocumentInput.TextInput t -> {
        name = t.title().isEmpty() ? "text" : t.title();
        size = (long) t.text().getBytes(StandardCharsets.UTF_8).length;
      }
    }
    if (size > options.maxDocumentBytes()) {
      violations.add(Violation.of(loc, "'" + name + "' is " + size + " bytes; the limit is "
          + options.maxDocumentBytes() + " bytes (RagOptions.maxDocumentBytes)", "value_error"));
      return false; // not hashed: reading it is what the limit is there to prevent
    }
    return true;
  }
}
