package dev.confidant.pii.internal.ner;

/**
 * Which name type a word mostly belongs to in the training data: for each folded word (see
 * {@link Features#fold}) that is part of a name in at least half of its occurrences, a code for the type and how
 * sure the data is. The tagger uses the code as a feature; the trainer ({@code tools} module) builds it
 * jack-knifed (each fold's codes come from the other folds), so that the model learns how far to trust it for
 * words it has not seen.
 */
public final class Gazetteer {
  static final Gazetteer EMPTY = new Gazetteer(new long[0], new byte[0]);
  /**
   * Codes from this value up mark words that are plain text in nearly all their occurrences ({@code PLAIN +
   * sureness}): ordinary words that a capital does not make a name ("Haus", "Monday", "American").
   */
  public static final int PLAIN = 16;

  private final long[] keys;
  private final byte[] codes;
  private final KeyIndex index;

  /**
   * @param keys folded-word hashes ({@link Features#hash} of {@link Features#fold}), distinct
   * @param codes the code of each key: {@code type * 4 + sureness}, type 1 + its index in {@link Tagger#TYPES}
   */
  public Gazetteer(long[] keys, byte[] codes) {
    this.keys = keys;
    this.codes = codes;
    this.index = new KeyIndex(keys);
  }

  /** Whether a word is plain text in nearly all its occurrences in the training data. */
  boolean plain(long wordHash) {
    return code(wordHash) >= PLAIN;
  }

  /**
   * The code of a word hash: 0 when unknown or undecided, {@code type * 4 + sureness} for a word mostly in
   * names, {@code PLAIN + sureness} for one nearly always plain.
   */
  int code(long wordHash) {
    int i = index.indexOf(wordHash);
    return i < 0 ? 0 : codes[i];
  }

  /** The keys, as given. */
  public long[] keys() {
    return keys;
  }

  /** The codes, as given. */
  public byte[] codes() {
    return codes;
  }
}
