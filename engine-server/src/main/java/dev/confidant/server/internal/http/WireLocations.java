package dev.confidant.server.internal.http;

import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.Violation;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Moves the locations of the engine's violations, which are relative to the request ({@code ["thread_id"]},
 * {@code ["options", "model_endpoint"]}), to where an endpoint takes those values on the wire
 * ({@code ["header", "x-thread-id"]}). The libraries speak Java; only engine-server knows headers. Stateless.
 */
final class WireLocations {
  private WireLocations() {}

  /**
   * The failure with each violation whose location starts with a key of {@code moves} moved under that key's value
   * (the rest of its location kept); other failures and violations unchanged.
   */
  static RuntimeException moved(RuntimeException failure, Map<List<Object>, List<Object>> moves) {
    if (!(failure instanceof InvalidRequestException e)
        || e.violations().stream().noneMatch(v -> prefix(v.loc(), moves) != null)) {
      return failure;
    }
    return new InvalidRequestException(e.violations().stream().map(v -> {
      @Nullable List<Object> from = prefix(v.loc(), moves);
      if (from == null) {
        return v;
      }
      List<Object> loc = new java.util.ArrayList<>(moves.get(from));
      loc.addAll(v.loc().subList(from.size(), v.loc().size()));
      return new Violation(loc, v.msg(), v.type(), v.input());
    }).toList());
  }

  private static @Nullable List<Object> prefix(List<Object> loc, Map<List<Object>, List<Object>> moves) {
    for (List<Object> from : moves.keySet()) {
      if (loc.size() >= from.size() && loc.subList(0, from.size()).equals(from)) {
        return from;
      }
    }
    return null;
  }
}
