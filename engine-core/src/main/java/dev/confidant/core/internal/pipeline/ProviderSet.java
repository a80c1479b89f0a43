package dev.confidant.core.internal.pipeline;

import dev.confidant.api.EngineConfigException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Named providers of one SPI type with Lucene-style checks: names must match {@code [a-z][a-z0-9-]{0,63}} and be
 * unique; a duplicate fails with a message naming both providers. Not thread-safe (used by the builder only).
 *
 * @param <P> the provider type
 */
public final class ProviderSet<P> {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

  private final String kind;
  private final Function<P, String> nameOf;
  private final Map<String, P> byName = new LinkedHashMap<>();

  /**
   * @param kind what the providers make, for messages ("pipeline stage", "model backend")
   * @param nameOf reads a provider's name
   */
  public ProviderSet(String kind, Function<P, String> nameOf) {
    this.kind = kind;
    this.nameOf = nameOf;
  }

  /** Adds every provider of {@code type} that the loader finds, in a deterministic (name) order. */
  public void discover(Class<P> type, ClassLoader loader) {
    List<P> found = new ArrayList<>();
    for (ServiceLoader.Provider<P> provider : ServiceLoader.load(type, loader).stream().toList()) {
      found.add(provider.get());
    }
    found.sort(Comparator.comparing(nameOf).thenComparing(p -> p.getClass().getName()));
    found.forEach(this::add);
  }

  /**
   * Adds a provider.
   *
   * @throws EngineConfigException if the name is invalid or taken
   */
  public void add(P provider) {
    String name = checkedName(provider);
    P existing = byName.putIfAbsent(name, provider);
    if (existing != null) {
      throw new EngineConfigException("duplicate " + kind + " name '" + name + "': provided by "
          + existing.getClass().getName() + " and " + provider.getClass().getName()
          + "; remove one from the class path or call removeStage/replaceStage on the builder");
    }
  }

  /**
   * Removes the provider with this name.
   *
   * @throws EngineConfigException if there is none
   */
  public void remove(String name) {
    if (byName.remove(name) == null) {
      throw notFound(name);
    }
  }

  /**
   * Replaces the provider with this name by another one (which may have another name).
   *
   * @throws EngineConfigException if there is none, or the new name is taken
   */
  public void replace(String name, P provider) {
    remove(name);
    add(provider);
  }

  /** Whether a provider has this name. */
  public boolean contains(String name) {
    return byName.containsKey(name);
  }

  /** The providers, in insertion order. */
  public List<P> all() {
    return List.copyOf(byName.values());
  }

  /** The names, in insertion order. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** The error for a name that is not there, listing the available ones. */
  public EngineConfigException notFound(String name) {
    return new EngineConfigException(kind + " '" + name + "' not found; available: " + byName.keySet());
  }

  private String checkedName(P provider) {
    String name = nameOf.apply(provider);
    if (name == null || !NAME.matcher(name).matches()) {
      throw new EngineConfigException("invalid " + kind + " name '" + name + "' from "
          + provider.getClass().getName() + ": names must match " + NAME.pattern());
    }
    return name;
  }
}
