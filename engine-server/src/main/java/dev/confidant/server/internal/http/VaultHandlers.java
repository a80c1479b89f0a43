package dev.confidant.server.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.Violation;
import dev.confidant.core.AccessPolicy;
import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.VaultKey;
import dev.confidant.server.Principal;
import dev.confidant.server.internal.pii.PiiJson;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Erases PII mappings from the vault: a thread's ({@code DELETE /v1/pii/threads/{thread_id}}), one entry of it
 * ({@code .../placeholders/{placeholder}}) and a whole space's ({@code DELETE /v1/spaces/{space_id}/pii/threads}).
 * Thread-safe.
 *
 * <p>A thread is found as chat and {@code /v1/pii/detect} wrote it: in the space of the space header (else the
 * default space, else none) and owned by the caller. An admin of that space may name another owner with
 * {@code ?owner=}; without a space there are no admins, so only the owner may delete. A whole space needs its admin
 * role.
 */
final class VaultHandlers {
  private static final int MAX_OWNER_LENGTH = 256;

  private final Guard guard;
  private final MappingVault vault;

  VaultHandlers(Guard guard, MappingVault vault) {
    this.guard = guard;
    this.vault = vault;
  }

  /** {@code DELETE /v1/pii/threads/{thread_id}}: {@code {"space_id","thread_id","owner","deleted"}}. */
  void deleteThread(ServerRequest req, ServerResponse res) {
    Target thread = thread(req, null);
    json(res, thread.answer().put("deleted", vault.delete(thread.key())));
  }

  /** {@code DELETE /v1/pii/threads/{thread_id}/placeholders/{placeholder}}: as above, plus {@code placeholder}. */
  void deletePlaceholder(ServerRequest req, ServerResponse res) {
    String placeholder = req.path().pathParameters().get("placeholder");
    Target thread = thread(req, PiiJson.isMappingKey(placeholder) ? null
        : Violation.of(List.of("path", "placeholder"), PiiJson.notAMappingKey(placeholder), "value_error"));
    json(res, thread.answer().put("placeholder", placeholder)
        .put("deleted", vault.deletePlaceholder(thread.key(), placeholder)));
  }

  /** {@code DELETE /v1/spaces/{space_id}/pii/threads}: {@code {"space_id","deleted_threads"}}; needs admin. */
  void deleteSpace(ServerRequest req, ServerResponse res) {
    Principal principal = guard.authenticate(req.headers());
    String space = guard.space(req.headers(), CollectionsHandlers.pathId(req, "space_id"), principal,
        AccessPolicy.Operation.MANAGE_PII_MAPPINGS)
        .orElseThrow();
    ObjectNode out = JsonBodies.MAPPER.createObjectNode().put("space_id", space);
    json(res, out.put("deleted_threads", vault.deleteSpace(space)));
  }

  private record Target(@Nullable String space, VaultKey key) {
    ObjectNode answer() {
      return JsonBodies.MAPPER.createObjectNode().put("space_id", space).put("thread_id", key.threadId())
          .put("owner", key.owner());
    }
  }

  /** The thread a request names, after checking the caller may delete it. */
  private Target thread(ServerRequest req, @Nullable Violation other) {
    Principal principal = guard.authenticate(req.headers());
    List<Violation> violations = new ArrayList<>();
    String threadId = req.path().pathParameters().get("thread_id");
    if (!ContextHeaders.isId(threadId)) {
      violations.add(ContextHeaders.notAnId(List.of("path", "thread_id")));
    }
    if (other != null) {
      violations.add(other);
    }
    List<String> owners = req.query().all("owner", List::of);
    String owner = owners.isEmpty() ? principal.name() : owners.get(0);
    if (owners.stream().distinct().count() > 1) {
      violations.add(Violation.of(List.of("query", "owner"), "Parameter must have a single value", "value_error"));
    } else if (owner.isBlank() || owner.length() > MAX_OWNER_LENGTH || owner.chars().anyMatch(Character::isISOControl)) {
      violations.add(Violation.of(List.of("query", "owner"), "A principal name: 1 to " + MAX_OWNER_LENGTH
          + " characters, no control characters", "value_error"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    String space = guard.space(req.headers(), null, principal, AccessPolicy.Operation.DETECT_PII).orElse(null);
    if (!owner.equals(principal.name())) {
      if (space == null) {
        throw HttpProblem.of(403, "Only an admin of the thread's space may delete another caller's thread; name the "
            + "space with X-Aimable-Space-Id (requests without a space have no admins)", "permission_denied", null);
      }
      guard.require(principal, space, AccessPolicy.Operation.MANAGE_PII_MAPPINGS);
    }
    return new Target(space, new VaultKey(space == null ? "" : space, owner, threadId));
  }

  /**
   * A failure whose violations at {@code thread_id} (where the vault reports a full thread, relative to the request)
   * are moved to where this endpoint takes the thread, e.g. {@code ["header", "x-thread-id"]}; others unchanged.
   */
  static RuntimeException threadAt(RuntimeException failure, List<Object> loc) {
    return WireLocations.moved(failure, Map.of(List.of("thread_id"), loc));
  }

  private static void json(ServerResponse res, ObjectNode body) {
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(JsonBodies.bytes(body));
  }
}
