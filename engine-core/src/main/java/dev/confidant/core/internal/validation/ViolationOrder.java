package dev.confidant.core.internal.validation;

import dev.confidant.api.Violation;
import java.util.Comparator;
import java.util.List;

/**
 * The order violations are reported in (their locs relative to the request): by request field, in the order of {@link #BODY_FIELDS} (as pydantic
 * reports in model field order), then by list position ({@code messages.0} before {@code messages.3}). Sorting
 * with it must be stable so that violations of one message keep the order they were found in.
 */
public final class ViolationOrder {
  /** Top-level request fields in report order; other fields come after them. */
  public static final List<String> BODY_FIELDS = List.of(
      "model", "messages", "temperature", "top_p", "n", "max_tokens", "max_completion_tokens", "stop", "seed",
      "stream", "stream_options", "frequency_penalty", "presence_penalty", "logit_bias", "logprobs",
      "top_logprobs", "tools", "tool_choice", "parallel_tool_calls", "response_format", "user");

  /** Compares violations by request field, then by list position. */
  public static final Comparator<Violation> BY_LOCATION = ViolationOrder::compare;

  private ViolationOrder() {}

  private static int compare(Violation a, Violation b) {
    int byField = Integer.compare(rank(a.loc()), rank(b.loc()));
    if (byField != 0) {
      return byField;
    }
    if (a.loc().size() > 1 && b.loc().size() > 1
        && a.loc().get(1) instanceof Integer x && b.loc().get(1) instanceof Integer y) {
      return Integer.compare(x, y);
    }
    return 0;
  }

  private static int rank(List<Object> loc) {
    if (loc.isEmpty()) {
      return -1; // the request itself
    }
    int rank = BODY_FIELDS.indexOf(String.valueOf(loc.get(0)));
    return rank < 0 ? BODY_FIELDS.size() : rank;
  }
}
