package dev.confidant.pii.internal.token;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A small map from int keys to values, kept sorted by key, without boxing: per-choice and per-tool-call state of a
 * stream (a handful of entries, usually one). Not thread-safe.
 */
final class IntSlots<V> {
  private int[] keys = new int[2];
  private @Nullable Object[] values = new Object[2];
  private int size;

  @SuppressWarnings("unchecked")
  @Nullable V get(int key) {
    if (size == 1) {
      return keys[0] == key ? (V) values[0] : null;
    }
    int i = Arrays.binarySearch(keys, 0, size, key);
    return i >= 0 ? (V) values[i] : null;
  }

  boolean containsKey(int key) {
    return Arrays.binarySearch(keys, 0, size, key) >= 0;
  }

  /** Adds or replaces the value of {@code key}. */
  void put(int key, V value) {
    int i = Arrays.binarySearch(keys, 0, size, key);
    if (i >= 0) {
      values[i] = value;
      return;
    }
    i = -i - 1;
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    System.arraycopy(keys, i, keys, i + 1, size - i);
    System.arraycopy(values, i, values, i + 1, size - i);
    keys[i] = key;
    values[i] = value;
    size++;
  }

  /** Removes {@code key}; returns its value or {@code null}. */
  @SuppressWarnings("unchecked")
  @Nullable V remove(int key) {
    int i = Arrays.binarySearch(keys, 0, size, key);
    if (i < 0) {
      return null;
    }
    V value = (V) values[i];
    System.arraycopy(keys, i + 1, keys, i, size - i - 1);
    System.arraycopy(values, i + 1, values, i, size - i - 1);
    size--;
    values[size] = null;
    return value;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The keys in ascending order (a copy). */
  int[] keys() {
    return Arrays.copyOf(keys, size);
  }

  int keyAt(int i) {
    return keys[i];
  }

  @SuppressWarnings("unchecked")
  V valueAt(int i) {
    return (V) values[i];
  }
}
