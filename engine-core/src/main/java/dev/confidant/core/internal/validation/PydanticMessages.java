package dev.confidant.core.internal.validation;

import java.util.List;

/**
 * pydantic v2's wording for the messages that depend on a parameter, shared by the codec's binding and the
 * validator so that both word a violation alike.
 */
public final class PydanticMessages {
  private PydanticMessages() {}

  /** {@code Input should be 'a', 'b' or 'c'} ({@code literal_error}). */
  public static String literal(List<String> allowed) {
    StringBuilder msg = new StringBuilder("Input should be ");
    for (int i = 0; i < allowed.size(); i++) {
      if (i > 0) {
        msg.append(i == allowed.size() - 1 ? " or " : ", ");
      }
      msg.append('\'').append(allowed.get(i)).append('\'');
    }
    return msg.toString();
  }

  /** {@code 1 item}, {@code 4 items}: the count in {@code too_short} and {@code too_long} messages. */
  static String items(int n) {
    return n == 1 ? "1 item" : n + " items";
  }
}
