package dev.confidant.api.spi;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.RequestContext;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-call attributes shared by the stages of one request, with typed keys. Thread-safe (a tool loop may run
 * tools on several threads).
 */
public final class StageContext {
  private final RequestContext request;
  private final ConcurrentHashMap<Key<?>, Object> attributes = new ConcurrentHashMap<>();

  public StageContext(RequestContext request) {
    this.request = requireNonNull(request, "request");
  }

  /** The caller's context. */
  public RequestContext request() {
    return request;
  }

  /** The value of a key, if set. */
  public <T> Optional<T> get(Key<T> key) {
    return Optional.ofNullable(attributes.get(key)).map(key.type()::cast);
  }

  /** Sets a key. */
  public <T> void put(Key<T> key, T value) {
    attributes.put(key, key.type().cast(requireNonNull(value, "value")));
  }

  /** The value of a key, computed and stored on first use. */
  public <T> T computeIfAbsent(Key<T> key, java.util.function.Supplier<T> supplier) {
    return key.type().cast(attributes.computeIfAbsent(key, k -> requireNonNull(supplier.get(), "supplied value")));
  }

  /**
   * A typed attribute key. Keys are records, so two keys with the same name and type are the same key: prefix the
   * name with the owning module ({@code "pii.mapping"}, {@code "rag.citations"}) and keep the key in one constant.
   *
   * @param name a descriptive name
   * @param type the value type
   * @param <T> the value type
   */
  public record Key<T>(String name, Class<T> type) {
    public Key {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
    }
  }
}
