package dev.confidant.core.json;

import java.util.ArrayList;
import java.util.List;

/**
 * A path to a value, as a {@link dev.confidant.api.Violation}'s {@code loc}: strings for object fields, integers
 * for list positions. Immutable; {@link #field} and {@link #index} return extended copies.
 *
 * @param parts the path from the root
 */
record Loc(List<Object> parts) {
  /** The root of a document: a request's locs are relative to it ({@code ["messages", 0, "role"]}). */
  static final Loc ROOT = new Loc(List.of());

  Loc {
    parts = List.copyOf(parts);
  }

  Loc field(String name) {
    return append(name);
  }

  Loc index(int position) {
    return append(position);
  }

  private Loc append(Object part) {
    List<Object> longer = new ArrayList<>(parts.size() + 1);
    longer.addAll(parts);
    longer.add(part);
    return new Loc(longer);
  }
}
