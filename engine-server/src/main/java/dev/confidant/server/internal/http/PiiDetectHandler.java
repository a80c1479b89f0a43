package dev.confidant.server.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.pii.DetectRequest;
import dev.confidant.pii.DetectResult;
import dev.confidant.pii.PiiDetector;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.spi.VaultKey;
import dev.confidant.server.Principal;
import dev.confidant.server.Role;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /v1/pii/detect}: {@code text}, {@code existing_mapping}, {@code thread_id}, {@code space_id} to
 * {@code redacted_text}, {@code pii_mapping}, {@code entity_details}. Thread-safe.
 *
 * <p>A thread's mapping lives in the vault under (space, thread), and the caller must be a member of that space,
 * so no caller can read another space's mapping. A {@code thread_id} without any space is refused for the same
 * reason.
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
    body.check();
    String space = guard.space(req.headers(), bodySpace, principal, Role.VIEWER).orElse(null);
    if (threadId != null && space == null) {
      throw InvalidRequestException.of(List.of("body", "space_id"), "Field required with thread_id", "missing");
    }
    boolean oii = !"false".equalsIgnoreCase(req.headers().first(ContextHeaders.X_OII).orElse("true").strip());
    // The thread belongs to the caller: another principal naming the same thread id gets a mapping of its own.
    VaultKey thread = threadId == null ? null : new VaultKey(space, principal.name(), threadId);
    DetectResult result = detector.get().detect(new DetectRequest(text, existing, thread, oii));

    ObjectNode root = JsonBodies.MAPPER.createObjectNode();
    root.put("redacted_text", result.redactedText());
    ObjectNode mapping = root.putObject("pii_mapping");
    result.piiMapping().forEach(mapping::put);
    ArrayNode details = root.putArray("entity_details");
    for (PiiEntity e : result.entityDetails()) {
      ObjectNode d = details.addObject();
      d.put("entity_type", e.type().tag());
      d.put("text", e.value());
      d.put("start", e.start());
      d.put("end", e.end());
      d.put("score", e.score());
    }
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(JsonBodies.bytes(root));
  }
}
