package dev.confidant.server.internal.http;

import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Moves the locations of the engine's violations, which are relative to the request ({@code ["thread_id"]},
 * {@code ["options", "model_endpoint"]}), to where an endpoint takes those values on the wire
 * ({@code ["header", "x-thread-id"]}) or under FastAPI's {@code "body"}. The libraries speak Java; only
 * engine-server knows bodies and headers. Stateless.
 */
final class WireLocations {
  /** First parts of locations that already name where a value came from, or that are no part of a request. */
  private static final Set<Object> PLACED = Set.of("body", "header", "path", "query", "tool_call");

  private WireLocations() {}

  /**
   * The failure with each violation that is relative to the request moved under {@code "body"}, as FastAPI reports
   * a body's problems; violations already placed ({@code "header"}, ...) unchanged.
   */
  static RuntimeException inBody(RuntimeException failure) {
    if (!(failure instanceof InvalidRequestException e)
        || e.violations().stream().allMatch(v -> !v.loc().isEmpty() && PLACED.contains(v.loc().get(0)))) {
      return failure;
    }
    return new InvalidRequestException(e.violations().stream().map(v -> {
      if (!v.loc().isEmpty() && PLACED.contains(v.loc().get(0))) {
        return v;
      }
      List<Object> loc = new ArrayList<>(v.loc().size() + 1);
      loc.add("body");
      loc.addAll(v.loc());
      return new Violation(loc, v.msg(), v.type(), v.input());
    }).toList());
  }

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
      List<Object> loc = new ArrayList<>(moves.get(from));
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
