package dev.confidant.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confidant.api.RawJson;
import dev.confidant.api.Violation;
import dev.confidant.core.internal.validation.ViolationOrder;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Joins binding violations and the validator's semantic violations of one body into one report:
 * <ul>
 *   <li>semantic locs are mapped from record positions back to wire positions (when the body bound only in part);
 *   <li>a semantic violation whose loc is a prefix of a binding violation's loc, or the other way round, is a
 *       consequence of it ({@code messages} too short because its only message did not bind) and is dropped;
 *       so is an exact duplicate;
 *   <li>a semantic violation's {@code input} is taken from the body itself where its loc resolves, so that it
 *       shows what the client sent ({@code 3}, not the record's {@code 3.0}), as FastAPI does;
 *   <li>the result is ordered by {@link ViolationOrder}.
 * </ul>
 */
final class ViolationMerger {
  private ViolationMerger() {}

  static List<Violation> merge(
      List<Violation> binding, List<Violation> semantic, RequestReader.@Nullable Positions positions,
      JsonNode body) {
    List<Violation> merged = new ArrayList<>(binding);
    for (Violation v : semantic) {
      List<Object> loc = remap(v.loc(), positions);
      if (binding.stream().anyMatch(b -> overlaps(b.loc(), loc))) {
        continue;
      }
      RawJson input = v.input();
      if (input != null) {
        JsonNode sent = resolve(body, loc);
        if (sent != null) {
          input = JsonSupport.raw(sent);
        }
      }
      Violation mapped = new Violation(loc, v.msg(), v.type(), input);
      if (!merged.contains(mapped)) {
        merged.add(mapped);
      }
    }
    merged.sort(ViolationOrder.BY_LOCATION);
    return List.copyOf(merged);
  }

  private static List<Object> remap(List<Object> loc, RequestReader.@Nullable Positions positions) {
    if (positions == null || loc.size() < 2 || !(loc.get(1) instanceof Integer position)) {
      return loc;
    }
    List<Integer> wire = switch (String.valueOf(loc.get(0))) {
      case "messages" -> positions.messages();
      case "tools" -> positions.tools();
      default -> null;
    };
    if (wire == null || position >= wire.size()) {
      return loc;
    }
    List<Object> mapped = new ArrayList<>(loc);
    mapped.set(1, wire.get(position));
    return mapped;
  }

  private static boolean overlaps(List<Object> a, List<Object> b) {
    int n = Math.min(a.size(), b.size());
    return a.subList(0, n).equals(b.subList(0, n));
  }

  /** The node at a loc of the body, or {@code null} if the loc leads nowhere (e.g. a {@code [key]}). */
  private static @Nullable JsonNode resolve(JsonNode body, List<Object> loc) {
    JsonNode node = body;
    for (Object part : loc) {
      node = part instanceof Integer index ? node.get(index) : node.get((String) part);
      if (node == null) {
        return null;
      }
    }
    return node;
  }
}
