package dev.confidant.server.internal.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.Violation;
import dev.confidant.pii.DetectRequest;
import dev.confidant.pii.DetectResult;
import dev.confidant.pii.PiiDetector;
import dev.confidant.pii.spi.VaultKey;
import dev.confidant.core.AccessPolicy;
import dev.confidant.server.Principal;
import dev.confidant.server.internal.pii.PiiJson;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /v1/pii/detect}: {@code text}, {@code existing_mapping}, {@code thread_id}, {@code space_id} to
 * {@code redacted_text}, {@code pii_mapping}, {@code entity_details}. Thread-safe.
 *
 * <p>A thread's mapping lives in the vault under (space, caller, thread), and the caller must be a member of that
 * space, so no caller can read or extend another's mapping. A {@code thread_id} without any space is refused.
 * {@code thread_id} and {@code space_id} take the alphabet of {@code X-Thread-Id}; a thread whose mapping would pass
 * the vault's limits is a 422 {@code vault_full} at {@code body.thread_id}.
 */
final class PiiDetectHandler implements Handler {
  private final Guard guard;
  private final Supplier<PiiDetector> detector;
  private final long maxBodyBytes;

  PiiDetectHandler(Guard guard, Supplier<PiiDetector> detector, long maxBodyBytes) {
    this.guard = guard;
    this.detector = detector;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    Principal principal = guard.authenticate(req.headers());
    JsonBody body = JsonBody.parse(BodyReader.read(req, maxBodyBytes));
    String text = body.requiredString("text");
    Map<String, String> existing = body.stringMap("existing_mapping");
    String threadId = body.optionalString("thread_id");
    String bodySpace = body.optionalString("space_id");
    body.rejectUnknownFields("text", "existing_mapping", "thread_id", "space_id");
    List<Violation> violations = new ArrayList<>(body.violations());
    for (String key : existing.keySet()) {
      if (!PiiJson.isMappingKey(key)) {
        violations.add(Violation.of(List.of("body", "existing_mapping", key), PiiJson.notAMappingKey(key),
            "value_error"));
      }
    }
    // The alphabet of X-Thread-Id and the space headers: one thread, one spelling, wherever it is named.
    if (threadId != null && !ContextHeaders.isId(threadId)) {
      violations.add(ContextHeaders.notAnId(List.of("body", "thread_id")));
    }
    if (bodySpace != null && !ContextHeaders.isId(bodySpace)) {
      violations.add(ContextHeaders.notAnId(List.of("body", "space_id")));
    }
    ContextHeaders.requireSingle(req.headers(), ContextHeaders.X_OII, violations);
    boolean oii = ContextHeaders.bool(req.headers(), ContextHeaders.X_OII, true, violations);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    String space = guard.space(req.headers(), bodySpace, principal, AccessPolicy.Operation.DETECT_PII).orElse(null);
    if (threadId != null && space == null) {
      throw InvalidRequestException.of(List.of("body", "space_id"), "Field required with thread_id", "missing");
    }
    // The thread belongs to the caller: another principal naming the same thread id gets a mapping of its own.
    VaultKey thread = threadId == null ? null : new VaultKey(space, principal.name(), threadId);
    DetectResult result;
    try {
      result = detector.get().detect(new DetectRequest(text, existing, thread, oii));
    } catch (RuntimeException e) {
      throw VaultHandlers.threadAt(e, List.of("body", "thread_id"));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JsonBodies.MAPPER.getFactory().createGenerator(out)) {
      PiiJson.write(json, result);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory", e);
    }
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(out.toByteArray());
  }
}
