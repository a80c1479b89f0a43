package dev.confidant.rag.internal;

import dev.confidant.api.InvalidRequestException;
import java.util.List;
import java.util.regex.Pattern;

/** Checks ids that become folder names or index terms. */
public final class Ids {
  // Space ids become folder names: no separators, no "..", nothing a file system may treat specially.
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private Ids() {}

  /**
   * Returns the id if well-formed.
   *
   * @throws InvalidRequestException naming the field and the value otherwise
   */
  public static String check(String field, String id) {
    if (id == null || !ID.matcher(id).matches() || id.contains("..")) {
      throw InvalidRequestException.of(List.of(field),
          field + " '" + id + "' is invalid: use 1-128 letters, digits, '.', '_' or '-', starting with a letter"
              + " or digit", "value_error");
    }
    return id;
  }
}
