package dev.confidant.server.internal.http;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A value created on first use, once, for expensive components not every deployment uses (the PII name model).
 * Thread-safe.
 *
 * @param <T> the value type
 */
public final class Lazy<T> implements Supplier<T> {
  private final Supplier<T> factory;
  private volatile @Nullable T value;

  public Lazy(Supplier<T> factory) {
    this.factory = factory;
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = factory.get();
          value = v;
        }
      }
    }
    return v;
  }
}
