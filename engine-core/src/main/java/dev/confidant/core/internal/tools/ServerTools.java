package dev.confidant.core.internal.tools;

import dev.confidant.api.EngineConfigException;
import dev.confidant.api.spi.EngineOption;
import dev.confidant.api.spi.ToolProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The server tools of one engine, by name, with their parsed schemas. Built once by the engine builder and handed
 * to the tool-loop stage through the {@link #KEY} option. Immutable and thread-safe.
 */
public final class ServerTools {
  /** How the builder hands the tools to the stage; not meant to be set by users. */
  public static final EngineOption<ServerTools> KEY =
      EngineOption.of("tools.server-tools", ServerTools.class, null);

  /** OpenAI's rule for function names. */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  private final Map<String, Entry> byName;

  private ServerTools(Map<String, Entry> byName) {
    this.byName = Map.copyOf(byName);
  }

  /** No tools. */
  public static ServerTools empty() {
    return new ServerTools(Map.of());
  }

  /**
   * Checks and indexes tools.
   *
   * @throws EngineConfigException on an invalid or duplicate name, or a schema that is not a JSON object
   */
  public static ServerTools of(Collection<ToolProvider> tools) {
    Map<String, Entry> byName = new LinkedHashMap<>();
    for (ToolProvider tool : tools) {
      String name = tool.name();
      if (name == null || !NAME.matcher(name).matches()) {
        throw new EngineConfigException("invalid server tool name '" + name + "' from " + tool.getClass().getName()
            + ": names must match " + NAME.pattern());
      }
      JsonSchema schema;
      try {
        schema = JsonSchema.parse(tool.parameters());
      } catch (IllegalArgumentException e) {
        throw new EngineConfigException("server tool '" + name + "' has invalid parameters: " + e.getMessage());
      }
      Entry existing = byName.putIfAbsent(name, new Entry(tool, schema));
      if (existing != null) {
        throw new EngineConfigException("duplicate server tool name '" + name + "': provided by "
            + existing.tool().getClass().getName() + " and " + tool.getClass().getName()
            + "; remove one from the class path or call removeTool on the builder");
      }
    }
    return new ServerTools(byName);
  }

  /**
   * The tools the class loader finds, sorted by name (deterministic, never classpath order), minus the removed
   * ones, plus the added ones.
   *
   * @throws EngineConfigException if a removed name is not there, or as {@link #of}
   */
  public static ServerTools assemble(boolean discover, ClassLoader loader, List<ToolProvider> added,
      List<String> removed) {
    List<ToolProvider> all = new ArrayList<>();
    if (discover) {
      ServiceLoader.load(ToolProvider.class, loader).stream().map(ServiceLoader.Provider::get).forEach(all::add);
      all.sort(Comparator.comparing(ToolProvider::name).thenComparing(t -> t.getClass().getName()));
    }
    for (String name : removed) {
      if (!all.removeIf(t -> t.name().equals(name))) {
        throw new EngineConfigException("server tool '" + name + "' not found; available: "
            + all.stream().map(ToolProvider::name).toList());
      }
    }
    all.addAll(added);
    return of(all);
  }

  /** The tool with this name. */
  Optional<Entry> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** All tools. */
  Collection<Entry> all() {
    return byName.values();
  }

  /** The names, for diagnostics. */
  public List<String> names() {
    return byName.keySet().stream().sorted().toList();
  }

  /** Whether there are no tools. */
  public boolean isEmpty() {
    return byName.isEmpty();
  }

  /**
   * One tool and its parsed schema.
   *
   * @param tool the tool
   * @param schema its parameters
   */
  record Entry(ToolProvider tool, JsonSchema schema) {}
}
