package dev.confidant.pii.internal.ner;

/**
 * Position of each of a fixed set of 64-bit keys, by open addressing: the tagger's feature rows and the
 * gazetteer's codes are looked up through it. Immutable; lookups allocate nothing.
 */
final class KeyIndex {
  private final long[] keys;
  private final int[] positions;
  private final int mask;

  /** @param keys distinct keys; key {@code keys[i]} gets position {@code i} */
  KeyIndex(long[] keys) {
    int capacity = Integer.highestOneBit(Math.max(16, keys.length * 2 - 1)) << 1;
    this.keys = new long[capacity];
    this.positions = new int[capacity];
    this.mask = capacity - 1;
    java.util.Arrays.fill(positions, -1);
    for (int i = 0; i < keys.length; i++) {
      int slot = slot(keys[i]);
      this.keys[slot] = keys[i];
      positions[slot] = i;
    }
  }

  private int slot(long key) {
    int s = (int) (key ^ (key >>> 32)) & mask;
    while (positions[s] >= 0 && keys[s] != key) {
      s = (s + 1) & mask;
    }
    return s;
  }

  /** The position of a key, or -1. */
  int indexOf(long key) {
    return positions[slot(key)];
  }
}
