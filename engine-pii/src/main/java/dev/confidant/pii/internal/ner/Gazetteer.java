package dev.confidant.pii.internal.ner;

/**
 * Which name type a word mostly belongs to in the training data: for each folded word (see
 * {@link Features#fold}) that is part of a name in at least half of its occurrences, a code for the type and how
 * sure the data is. The tagger uses the code as a feature; the trainer ({@code tools} module) builds it
 * jack-knifed (each fold's codes come from the other folds), so that the model learns how far to trust it for
 * words it has not seen.
 *
 * <p>Two more bits of a code mark words of an external name lexicon, given names ({@link #LEX_FIRST}) and surnames
 * ({@link #LEX_LAST}) of many countries, whether or not the training data has them: the names a chat message holds
 * are rarer than the ones news and Wikipedia repeat. The tagger learns from the data how far to trust them.
 */
public final class Gazetteer {
  static final Gazetteer EMPTY = new Gazetteer(new long[0], new byte[0]);
  /**
   * Codes from this value up mark words that are plain text in nearly all their occurrences ({@code PLAIN +
   * sureness}): ordinary words that a capital does not make a name ("Haus", "Monday", "American").
   */
  public static final int PLAIN = 16;
  /** Code bit: the word is a given name in the name lexicon. */
  public static final int LEX_FIRST = 32;
  /** Code bit: the word is a surname in the name lexicon. */
  public static final int LEX_LAST = 64;
  private static final int TRAINING_BITS = 31;

  private final long[] keys;
  private final byte[] codes;
  private final KeyIndex index;
  private final WordClusters clusters;

  /**
   * @param keys folded-word hashes ({@link Features#hash} of {@link Features#fold}), distinct
   * @param codes the code of each key: {@code type * 4 + sureness}, type 1 + its index in {@link Tagger#TYPES}, or
   *     {@code PLAIN + sureness}, or 0; plus the lexicon bits {@link #LEX_FIRST} and {@link #LEX_LAST}
   */
  public Gazetteer(long[] keys, byte[] codes) {
    this(keys, codes, WordClusters.NONE);
  }

  /**
   * A gazetteer with word clusters, which add the cluster features ({@link Features#CLUSTER_FEATURES}).
   *
   * @param keys as {@link #Gazetteer(long[], byte[])}
   * @param codes as {@link #Gazetteer(long[], byte[])}
   * @param clusters the word clusters the features read
   */
  public Gazetteer(long[] keys, byte[] codes, WordClusters clusters) {
    this.keys = keys;
    this.codes = codes;
    this.index = new KeyIndex(keys);
    this.clusters = clusters;
  }

  /** The word clusters, empty for a model trained without them. */
  public WordClusters clusters() {
    return clusters;
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
    return i < 0 ? 0 : codes[i] & TRAINING_BITS;
  }

  /** The name-lexicon bits of a word hash: 1 given name, 2 surname, 3 both, 0 neither. */
  int lexicon(long wordHash) {
    int i = index.indexOf(wordHash);
    return i < 0 ? 0 : (codes[i] & (LEX_FIRST | LEX_LAST)) >> 5;
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
