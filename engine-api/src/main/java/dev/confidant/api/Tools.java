package dev.confidant.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The tool fields of a request.
 *
 * @param definitions {@code tools}
 * @param choice {@code tool_choice}, or {@code null} for the default ({@code auto} with tools, else {@code none})
 * @param parallelToolCalls {@code parallel_tool_calls}, or {@code null} for the default ({@code true})
 */
public record Tools(List<ToolDefinition> definitions, @Nullable ToolChoice choice, @Nullable Boolean parallelToolCalls) {
  /** No tools. */
  public static final Tools NONE = new Tools(List.of(), null, null);

  public Tools {
    definitions = definitions == null ? List.of() : List.copyOf(definitions);
  }

  /** Tools with the default choice. */
  public static Tools of(ToolDefinition... definitions) {
    return new Tools(List.of(definitions), null, null);
  }
}
