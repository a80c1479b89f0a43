package dev.confidant.core;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.spi.EngineOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Options of the {@code tool-loop} stage, which runs server tools ({@link dev.confidant.api.spi.ToolProvider}),
 * set on the engine builder. The keys are immutable constants.
 *
 * {@snippet class=dev.confidant.core.CoreSnippets region=tool-options}
 */
public final class ToolOptions {

  /** How long one server tool call may run before it is interrupted and the model told so. Default 30 s. */
  public static final EngineOption<Duration> CALL_TIMEOUT =
      EngineOption.of("tools.call-timeout", Duration.class, Duration.ofSeconds(30));

  /**
   * How many rounds of server tool calls one request may run. When the model still calls server tools after that,
   * it gets one last turn without server tools to answer with what it has; if it calls one anyway, the stream
   * fails with a {@link dev.confidant.api.ToolExecutionException}. Default 8; at least 1.
   */
  public static final EngineOption<Integer> MAX_ROUNDS = EngineOption.of("tools.max-rounds", Integer.class, 8);

  /**
   * How long the server tools of one request may run in total, across rounds; past it, the model gets its last
   * turn as with {@link #MAX_ROUNDS}. Default 2 minutes.
   */
  public static final EngineOption<Duration> MAX_TOTAL_TIME =
      EngineOption.of("tools.max-total-time", Duration.class, Duration.ofMinutes(2));

  private ToolOptions() {}

  /**
   * Which server tools each space may use, part of the engine's {@link AccessPolicy} ({@link AccessPolicy#withTools}):
   * a set of tool names per space id, and a rule for the other spaces and
   * for requests without a space. Immutable and thread-safe.
   *
   * @param bySpace space id to the names of the tools its requests may use
   * @param otherwise the names for spaces not in {@code bySpace}, or {@code null} for all tools
   */
  public record Access(Map<String, Set<String>> bySpace, @Nullable Set<String> otherwise) {
    /** Every space may use every server tool. */
    public static final Access ALL = new Access(Map.of(), null);

    /** No space may use any server tool unless listed with {@link #withSpace}. */
    public static final Access NONE_BY_DEFAULT = new Access(Map.of(), Set.of());

    public Access {
      Map<String, Set<String>> copy = new HashMap<>();
      requireNonNull(bySpace, "bySpace").forEach((space, names) -> copy.put(
          requireNonNull(space, "space id"), Set.copyOf(requireNonNull(names, "tool names"))));
      bySpace = Map.copyOf(copy);
      otherwise = otherwise == null ? null : Set.copyOf(otherwise);
    }

    /** A copy where the requests of this space may use exactly these tools. */
    public Access withSpace(String spaceId, Set<String> toolNames) {
      Map<String, Set<String>> copy = new HashMap<>(bySpace);
      copy.put(requireNonNull(spaceId, "spaceId"), toolNames);
      return new Access(copy, otherwise);
    }

    /** Whether a request of this space (or without one: {@code null}) may use this tool. */
    public boolean allows(@Nullable String spaceId, String toolName) {
      Set<String> names = spaceId == null ? otherwise : bySpace.getOrDefault(spaceId, otherwise);
      return names == null || names.contains(toolName);
    }
  }
}
