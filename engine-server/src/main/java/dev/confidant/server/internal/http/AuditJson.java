package dev.confidant.server.internal.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.server.internal.pii.PiiAuditTrail;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The {@code pii_audit} object of a chat answer ({@code X-Pii-Audit: true}):
 * {@snippet lang=json :
 * "pii_audit": {"pseudonymization": true, "entries": [
 *     {"entity_type": "NAME", "detector": "names/model", "decision": "masked", "placeholder": "[NAME_1]",
 *      "placeholder_origin": "created", "count": 1}],
 *   "omitted": 0}
 * }
 * {@code decision} is {@code masked}, {@code left_below_threshold} or {@code left_oii_off};
 * {@code placeholder_origin} is {@code created} (by this request) or {@code reused} (from {@code X-Pii-Mapping} or
 * the thread's vault). Never a value. Stateless.
 */
final class AuditJson {
  private static final JsonFactory JSON = new JsonFactory();

  private AuditJson() {}

  /** A {@code chat.completion} JSON object with the audit as its last field. */
  static String withAudit(String completion, PiiAuditTrail.Slot slot) {
    String body = completion.stripTrailing();
    if (!body.endsWith("}")) {
      throw new IllegalStateException("not a JSON object");
    }
    return body.substring(0, body.length() - 1) + ",\"pii_audit\":" + audit(slot) + "}";
  }

  /** The stream's audit event: a chunk of the stream's id and model, without choices, with the audit. */
  static String chunk(ChatCompletionChunk last, PiiAuditTrail.Slot slot) {
    ChatCompletionChunk bare = new ChatCompletionChunk(last.id(), last.created(), last.model(), List.of(), null,
        last.systemFingerprint());
    return withAudit(ChatCodec.writeChunk(bare), slot);
  }

  private static String audit(PiiAuditTrail.Slot slot) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      PiiAuditTrail.write(json, slot.audit().orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }
}
