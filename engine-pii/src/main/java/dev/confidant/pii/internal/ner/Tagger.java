package dev.confidant.pii.internal.ner;

import dev.confidant.pii.EntityType;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * A linear-chain name tagger for PER/ORG/LOC in BIO labels: an averaged structured perceptron over hashed
 * {@link Features}, decoded exactly by Viterbi under the BIO constraint (an {@code I-X} only continues an
 * {@code X}). Trained by {@code dev.confidant.tools.pii.train.TaggerTrainer}; the shipped model is loaded by {@link NameModels}.
 *
 * <p>Decoding is recall-oriented, because a name left unmasked costs more than a word masked in vain: a
 * capitalised token's name labels get a recall bias ({@link #withRecallBias}) added before Viterbi, so a name the
 * model is unsure of is still taken. The bias was chosen on a training-side development split (module README).
 *
 * <p>Immutable and thread-safe; a call allocates only per-sentence arrays.
 */
public final class Tagger {
  /** The shipped recall bias; see {@link #withRecallBias}. */
  public static final float DEFAULT_RECALL_BIAS = 0.3f;
  /** The shipped person bias; see {@link #withPersonBias}. */
  public static final float DEFAULT_PERSON_BIAS = 0.03f;
  /** The shipped share of the biases in German text; see {@link #withNounCaseShare}. */
  public static final float DEFAULT_NOUN_CASE_SHARE = 0.5f;

  static final String[] LABELS = {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"};
  /** The name types in label order: label {@code 1 + 2t} is {@code B-} and {@code 2 + 2t} is {@code I-} of type t. */
  public static final List<String> TYPES = List.of("PER", "ORG", "LOC");
  private static final EntityType[] ENTITY_TYPES = {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION};
  /** The number of labels: {@code O} and B/I of each type. */
  public static final int L = LABELS.length;
  /** "CTG2": weights stored as IEEE half floats (the file must stay small; ample precision for a perceptron). */
  private static final int MAGIC = 0x43544732;
  /** "CTG3": {@link #MAGIC}'s layout followed by the gazetteer's {@link WordClusters}. */
  private static final int MAGIC_CLUSTERS = 0x43544733;

  /** Feature key → row of {@link #weights}. */
  private final KeyIndex rows;
  /** {@code L} weights per row. */
  private final float[] weights;
  /** {@code transitions[from * L + to]}; {@code from == L} is the sentence start. */
  private final float[] transitions;
  /** Margins are divided by this before the logistic function that turns them into a span's score. */
  private final float scale;
  private final float recallBias;
  private final float personBias;
  /** The share of both biases that applies where capitals say little (German nouns); see {@link #find(String[], boolean)}. */
  private final float nounCaseShare;
  /** {@link #labelBias} times {@link #nounCaseShare}. */
  private final float[] nounCaseBias;
  /** What the biases add to each label of a biased token. */
  private final float[] labelBias;
  private final Gazetteer gazetteer;

  /**
   * A model decoded with the shipped biases (the trainer builds it; {@link #read} reads it).
   *
   * @param featureKeys feature key of each weight row, distinct
   * @param weights {@link #L} weights per row
   * @param transitions {@code transitions[from * L + to]}, {@code from == L} the sentence start
   * @param scale the mean margin of a name token over "outside" in the training data
   * @param gazetteer the gazetteer the features are computed with
   */
  public Tagger(long[] featureKeys, float[] weights, float[] transitions, float scale, Gazetteer gazetteer) {
    this.recallBias = DEFAULT_RECALL_BIAS;
    this.personBias = DEFAULT_PERSON_BIAS;
    this.nounCaseShare = DEFAULT_NOUN_CASE_SHARE;
    this.gazetteer = gazetteer;
    this.rows = new KeyIndex(featureKeys);
    this.weights = weights;
    this.transitions = transitions;
    this.scale = scale;
    this.labelBias = labelBias(recallBias, personBias, scale);
    this.nounCaseBias = scaled(labelBias, nounCaseShare);
  }

  private Tagger(Tagger base, float recallBias, float personBias, float nounCaseShare) {
    this.personBias = personBias;
    this.nounCaseShare = nounCaseShare;
    this.gazetteer = base.gazetteer;
    this.rows = base.rows;
    this.weights = base.weights;
    this.transitions = base.transitions;
    this.scale = base.scale;
    this.recallBias = recallBias;
    this.labelBias = labelBias(recallBias, personBias, scale);
    this.nounCaseBias = scaled(labelBias, nounCaseShare);
  }

  private static float[] scaled(float[] bias, float share) {
    float[] out = bias.clone();
    for (int y = 0; y < out.length; y++) {
      out[y] *= share;
    }
    return out;
  }

  /**
   * The same model with another share of the biases for texts whose capitals say little (German), 0 to 1.
   */
  public Tagger withNounCaseShare(float share) {
    return new Tagger(this, recallBias, personBias, share);
  }

  /**
   * Whether the name lexicon the features read ({@link Gazetteer#LEX_FIRST}, {@link Gazetteer#LEX_LAST}) lists a
   * word: 1 as a given name, 2 as a surname, 3 as both, 0 neither; case-insensitive.
   */
  public int nameLexicon(String word) {
    return gazetteer.lexicon(Features.hash(Features.fold(word)));
  }

  /** The mean margin of a name token over "outside" in the training data; the unit of the recall bias. */
  public float scale() {
    return scale;
  }

  /**
   * The same model decoded with another recall bias, in units of {@link #scale()} (0: plain Viterbi): added to
   * the name labels of capitalised tokens before decoding.
   */
  public Tagger withRecallBias(float bias) {
    return new Tagger(this, bias, personBias, nounCaseShare);
  }

  /**
   * The same model with another person bias, in units of {@link #scale()}: added, on top of the recall bias, to
   * the person labels of the tokens the recall bias applies to.
   */
  public Tagger withPersonBias(float bias) {
    return new Tagger(this, recallBias, bias, nounCaseShare);
  }

  /** Per label: what the biases add to a biased token's score. */
  private static float[] labelBias(float recallBias, float personBias, float scale) {
    float[] b = new float[L];
    for (int y = 1; y < L; y++) {
      b[y] = (recallBias + (y <= 2 ? personBias : 0)) * scale;
    }
    return b;
  }

  /** Emission scores of a sentence's tokens, {@code L} per token, before any bias (for experiments). */
  public float[] emissions(String[] tokens) {
    return emissions(Features.of(tokens, gazetteer), tokens.length);
  }

  /** The label path of the shipped decoding (biases as for non-German text), one label per token. */
  public int[] path(String[] tokens) {
    int n = tokens.length;
    boolean[] plain = new boolean[n];
    for (int i = 0; i < n; i++) {
      plain[i] = gazetteer.plain(Features.hash(Features.fold(tokens[i])));
    }
    return viterbi(emissions(tokens), n, transitions, tokens, labelBias, plain, false, true);
  }

  /** Emission scores, {@code L} per token. */
  float[] emissions(long[] features, int n) {
    float[] e = new float[n * L];
    int per = features.length / Math.max(1, n);
    for (int i = 0; i < n; i++) {
      for (int f = i * per, end = f + per; f < end; f++) {
        int r = rows.indexOf(features[f]);
        if (r >= 0) {
          for (int y = 0, w = r * L, o = i * L; y < L; y++) {
            e[o + y] += weights[w + y];
          }
        }
      }
    }
    return e;
  }

  /** Whether label {@code to} may follow label {@code from} ({@code L}: sentence start). */
  public static boolean allowed(int from, int to) {
    if (to == 0 || (to & 1) == 1) {
      return true; // O and B-X go anywhere
    }
    return from != L && from != 0 && (from - 1) / 2 == (to - 1) / 2;
  }

  /**
   * The best label sequence under the scores, with {@code bias[y]} added to label {@code y} of the tokens a bias
   * applies to ({@link #biased}); {@code bias == null}: none.
   */
  public static int[] viterbi(float[] e, int n, float[] transitions, String[] tokens, float @Nullable [] bias) {
    return viterbi(e, n, transitions, tokens, bias, null, false, false);
  }

  /**
   * {@link #viterbi}, without the bias on the tokens marked in {@code plain}; {@code german}: a sentence's first
   * word before a German verb gets the bias too; {@code structure}: {@linkplain #structural structural tokens}
   * are outside every name (decoding only; training decodes without it, as the shipped models were trained).
   */
  private static int[] viterbi(float[] e, int n, float[] transitions, String[] tokens, float @Nullable [] bias,
      boolean @Nullable [] plain, boolean german, boolean structure) {
    int[] path = new int[n];
    if (n == 0) {
      return path;
    }
    float[] score = new float[n * L];
    int[] back = new int[n * L];
    for (int i = 0; i < n; i++) {
      boolean biased = bias != null && biased(tokens, i, german) && (plain == null || !plain[i]);
      boolean outside = structure && structural(tokens[i]);
      for (int y = 0; y < L; y++) {
        float emit = outside && y != 0 ? Float.NEGATIVE_INFINITY : e[i * L + y] + (biased ? bias[y] : 0);
        if (i == 0) {
          score[y] = allowed(L, y) ? emit + transitions[L * L + y] : Float.NEGATIVE_INFINITY;
          continue;
        }
        float best = Float.NEGATIVE_INFINITY;
        int arg = 0;
        for (int x = 0; x < L; x++) {
          if (!allowed(x, y)) {
            continue;
          }
          float s = score[(i - 1) * L + x] + transitions[x * L + y];
          if (s > best) {
            best = s;
            arg = x;
          }
        }
        score[i * L + y] = best + emit;
        back[i * L + y] = arg;
      }
    }
    int last = 0;
    for (int y = 1; y < L; y++) {
      if (score[(n - 1) * L + y] > score[(n - 1) * L + last]) {
        last = y;
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      path[i] = last;
      last = back[i * L + last];
    }
    return path;
  }

  /**
   * Whether a token can be no part of a name: a colon (a label's or a speaker's end: "line 1: mail ...", "Jane
   * Miller: Thanks"), anything with an {@code @} (e-mail addresses, handles), a URL or a date in digits. Structured values are the
   * rules' business, and a name span that reaches into one merges with it: the cluster tagger took {@code line 1 :
   * mail user1@example.org}, all lower case, for one organisation, which then swallowed the e-mail address.
   */
  static boolean structural(String token) {
    return token.equals(":") || token.indexOf('@') >= 0 || token.contains("://")
        || token.regionMatches(true, 0, "www.", 0, 4)
        || !token.isEmpty() && Character.isDigit(token.charAt(0)) && DATE.matcher(token).matches();
  }

  /** A date in digits ("1996-08-24", "24.08.1996", "8/24/96"): a dateline's date is no part of its place. */
  private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile(
      "\\d{1,4}([-./])\\d{1,2}\\1\\d{1,4}");

  /**
   * The recall bias applies to capitalised tokens only: punctuation, numbers and lower-case words next to a name
   * stay outside it, however unsure the model is. Not to a sentence's first word (its capital says nothing)
   * unless an English verb follows it ("Trudeau will"), nor to all-capitals words (acronyms such as "IBAN" are more often labels than names), nor to words that are
   * plain text nearly always in the training data ({@link Gazetteer#PLAIN}).
   */
  /** English verbs that follow a subject (and the possessive): past tenses in -ed and the commonest others. */
  private static final java.util.Set<String> SUBJECT_VERBS = java.util.Set.of("'s", "\u2019s", "is", "was", "has",
      "had", "will", "would", "said", "says", "told", "took", "won", "became", "began", "wrote", "made", "went",
      "gave", "came", "left", "met", "saw", "got", "could", "did", "does", "thinks", "believes", "argues", "knew",
      "found", "lost", "led", "ran", "spoke", "sang", "held", "kept", "brought", "bought", "sold", "built", "taught",
      "spent", "felt", "thought", "heard", "paid", "sent", "meant", "stood", "wore", "drove", "fell", "flew", "grew",
      "drew", "threw", "chose", "broke", "woke", "sat", "ate", "drank", "hid", "slept", "dealt", "caught", "fought",
      "struck", "shot", "fled", "also", "can", "should", "must", "might", "wants", "needs", "works", "lives", "owns",
      "plays", "writes", "asks", "tells", "knows");

  /**
   * German verbs that follow a subject: the commonest third-person forms ("Hartmann suchte", "Würzner ist",
   * "Schlienkamp erwartet"); with {@link #germanSubjectVerb} also past tenses in -te.
   */
  private static final java.util.Set<String> GERMAN_SUBJECT_VERBS = java.util.Set.of("ist", "war", "hat", "hatte",
      "wird", "wurde", "sagt", "sagte", "erklärt", "erklärte", "meint", "meinte", "nennt", "nannte", "erwartet",
      "gab", "gibt", "kam", "kommt", "soll", "will", "kann", "konnte", "muss", "musste", "steht", "stand", "hält",
      "hielt", "zeigt", "sucht", "erzählt", "schreibt", "schrieb", "betont", "fordert", "glaubt", "weiß", "lebt",
      "starb", "spielt", "gilt", "galt", "bleibt", "blieb", "geht", "ging", "sieht", "sah", "warf", "verließ",
      "begann", "erhielt", "gewann", "verlor", "fand", "trat", "berichtet", "wollte", "sollte", "bohrte", "zog",
      "schuf", "lobt", "kritisiert", "verbuchte", "begleitete", "dichtete", "wirft", "hofft", "sprach", "spricht");

  private static boolean subjectVerb(String word) {
    return SUBJECT_VERBS.contains(word) || word.length() > 4 && word.endsWith("ed")
        && word.chars().allMatch(Character::isLowerCase);
  }

  private static boolean germanSubjectVerb(String word) {
    return GERMAN_SUBJECT_VERBS.contains(word) || word.length() >= 6 && word.endsWith("te")
        && word.chars().allMatch(Character::isLowerCase);
  }

  private static boolean biased(String[] tokens, int index, boolean german) {
    String token = tokens[index];
    if (!Character.isUpperCase(token.charAt(0))) {
      return false;
    }
    if (index == 0 || tokens[index - 1].equals(":")) {
      // "Trudeau will", "Catalano moved", "Grafton 's government": a first word whose capital is only the
      // sentence's is no evidence, but one before a verb is a subject that newswire names by surname. Before an
      // object ("Answer without brackets", "Send the invoice") it is an imperative: no bias. The same after a
      // colon, whose next word is capitalised as a sentence's first ("Jane Miller: Employees get ...").
      return tokens.length > index + 1 && token.length() > 1 && Character.isLowerCase(token.charAt(1))
          && (german ? germanSubjectVerb(tokens[index + 1]) : subjectVerb(tokens[index + 1]));
    }
    for (int k = 1; k < token.length(); k++) {
      if (Character.isLowerCase(token.charAt(k))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Finds the names in one tokenized sentence. A span's score is the logistic function of its tokens' mean
   * margin over "outside" (in units of the training data's mean margin): 0.5 for a name taken only because of
   * the recall bias, near 1 for a sure one.
   */
  public List<NameSpan> find(String[] tokens) {
    return find(tokens, true);
  }

  /**
   * Finds the names in one tokenized sentence; with {@code capitalsSayNames == false} (German, where every noun
   * is capitalised) only a share of the recall and person biases applies ({@link #withNounCaseShare}).
   */
  public List<NameSpan> find(String[] tokens, boolean capitalsSayNames) {
    int n = tokens.length;
    if (n == 0) {
      return List.of();
    }
    float[] e = emissions(Features.of(tokens, gazetteer), n);
    boolean[] plain = plainWords(tokens);
    int[] path = viterbi(e, n, transitions, tokens, capitalsSayNames ? labelBias : nounCaseBias, plain,
        !capitalsSayNames, true);
    List<NameSpan> spans = spans(tokens, e, path);
    spans.removeIf(span -> unsureFirstWord(tokens, span, !capitalsSayNames));
    return spans;
  }

  /** The highest score ({@link NameSpan#score()}) of a span {@link #unsureFirstWord} drops. */
  static final double FIRST_WORD_MAX_SCORE = 0.6;

  /**
   * Whether a span is one word opening a sentence (or following a colon) that the model took for a name on its
   * own and only just (no bias applies there unless a verb follows, {@link #biased}), that neither the training
   * data nor the name lexicon knows, and after which the sentence goes on in lower case: "Llamé a la línea ...",
   * a verb whose capital is only the sentence's. A surname there is followed by its verb and keeps the bias.
   */
  private boolean unsureFirstWord(String[] tokens, NameSpan span, boolean german) {
    int i = span.start();
    if (span.end() - i != 1 || span.score() > FIRST_WORD_MAX_SCORE || i > 0 && !tokens[i - 1].equals(":")
        || i + 1 >= tokens.length || !Character.isLowerCase(tokens[i + 1].charAt(0)) || biased(tokens, i, german)) {
      return false;
    }
    return gazetteer.code(Features.hash(Features.fold(tokens[i]))) == 0;
  }

  /**
   * Words the training data shows as plain text nearly always ("Monday", "Haus", "American") get no bias: their
   * capital is grammar or style, and the model's own decision stands.
   */
  private boolean[] plainWords(String[] tokens) {
    boolean[] plain = new boolean[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      plain[i] = gazetteer.plain(Features.hash(Features.fold(tokens[i])));
    }
    return plain;
  }

  /**
   * The candidates of a contextual second stage in one tokenized sentence: every span of the shipped decoding
   * ({@link #find(String[], boolean)}, marked {@link Candidate#shipped()}) and every other span of a decoding
   * with {@code extraBias} more recall bias (in units of {@link #scale()}) on the same tokens, i.e. capitalised
   * non-initial words the tagger was unsure of. One emission pass for both decodings.
   */
  public List<Candidate> candidates(String[] tokens, boolean capitalsSayNames, float extraBias) {
    int n = tokens.length;
    if (n == 0) {
      return List.of();
    }
    float[] e = emissions(Features.of(tokens, gazetteer), n);
    boolean[] plain = plainWords(tokens);
    float[] bias = capitalsSayNames ? labelBias : nounCaseBias;
    float[] high = bias.clone();
    for (int y = 1; y < L; y++) {
      high[y] += extraBias * scale;
    }
    List<NameSpan> shipped = spans(tokens, e, viterbi(e, n, transitions, tokens, bias, plain, !capitalsSayNames, true));
    List<NameSpan> more = spans(tokens, e, viterbi(e, n, transitions, tokens, high, plain, !capitalsSayNames, true));
    List<Candidate> out = new ArrayList<>();
    for (NameSpan s : shipped) {
      out.add(candidate(s, true, e));
    }
    for (NameSpan s : more) {
      if (shipped.stream().noneMatch(t -> t.start() == s.start() && t.end() == s.end())) {
        out.add(candidate(s, false, e));
      }
    }
    return out;
  }

  private Candidate candidate(NameSpan s, boolean shipped, float[] e) {
    float[] margins = new float[TYPES.size()];
    for (int t = 0; t < margins.length; t++) {
      float sum = 0;
      for (int i = s.start(); i < s.end(); i++) {
        sum += Math.max(e[i * L + 1 + 2 * t], e[i * L + 2 + 2 * t]) - e[i * L];
      }
      margins[t] = sum / (s.end() - s.start()) / scale;
    }
    return new Candidate(s, shipped, margins);
  }

  /**
   * A span the tagger proposes to a second stage.
   *
   * @param span the span, its type and score as {@link #find(String[], boolean)} reports them
   * @param shipped whether the shipped decoding takes it (else only the higher recall bias did)
   * @param margins per type (PER, ORG, LOC), the span's mean margin of that type's best label over "outside",
   *     in units of {@link #scale()}
   */
  public record Candidate(NameSpan span, boolean shipped, float[] margins) {}

  private List<NameSpan> spans(String[] tokens, float[] e, int[] path) {
    int n = tokens.length;
    List<NameSpan> out = new ArrayList<>();
    int i = 0;
    while (i < n) {
      if (path[i] == 0) {
        i++;
        continue;
      }
      int start = i;
      int type = (path[i] - 1) / 2;
      float margin = 0;
      do {
        margin += e[i * L + path[i]] - e[i * L];
        i++;
      } while (i < n && path[i] == 2 + 2 * type);
      double p = 1 / (1 + Math.exp(-margin / (i - start) / scale));
      int end = i;
      // "Clara Fischer again": a capitalised name does not end in a lower-case word.
      while (end - start > 1 && Character.isLowerCase(tokens[end - 1].charAt(0)) && hasCapital(tokens, start, end)) {
        end--;
      }
      out.add(new NameSpan(start, end, ENTITY_TYPES[type], p));
    }
    return out;
  }

  private static boolean hasCapital(String[] tokens, int from, int to) {
    for (int k = from; k < to; k++) {
      if (Character.isUpperCase(tokens[k].charAt(0))) {
        return true;
      }
    }
    return false;
  }

  /** Writes the model (gzip); {@code featureKeys} as given to the constructor. */
  public void write(OutputStream os, long[] featureKeys) throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(os)));
    boolean clusters = !gazetteer.clusters().isEmpty();
    out.writeInt(clusters ? MAGIC_CLUSTERS : MAGIC);
    out.writeInt(L);
    out.writeInt(featureKeys.length);
    out.writeFloat(scale);
    for (float t : transitions) {
      out.writeFloat(t);
    }
    for (long k : featureKeys) {
      out.writeLong(k);
    }
    for (float w : weights) {
      out.writeShort(Float.floatToFloat16(w));
    }
    out.writeInt(gazetteer.keys().length);
    for (long k : gazetteer.keys()) {
      out.writeLong(k);
    }
    out.write(gazetteer.codes());
    if (clusters) {
      gazetteer.clusters().write(out);
    }
    out.close();
  }

  /** Reads a model file written by {@link #write} ({@code --tagger FILE} of the evaluation tools) and closes it. */
  public static Tagger read(java.nio.file.Path file) throws IOException {
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      return read(in);
    }
  }

  /** Reads a model written by {@link #write}; it decodes with the shipped biases. */
  public static Tagger read(InputStream is) throws IOException {
    // Bulk reads through a buffer: ~2 million numbers, read one by one through DataInputStream took 0.3 s.
    ByteBuffer in = ByteBuffer.wrap(new GZIPInputStream(is, 1 << 16).readAllBytes());
    try {
      int magic = in.getInt();
      if (magic != MAGIC && magic != MAGIC_CLUSTERS || in.getInt() != L) {
        throw new IOException("not a Confidant name tagger model");
      }
      int n = in.getInt();
      float scale = in.getFloat();
      float[] transitions = new float[(L + 1) * L];
      in.asFloatBuffer().get(transitions);
      in.position(in.position() + 4 * transitions.length);
      long[] keys = new long[n];
      in.asLongBuffer().get(keys);
      in.position(in.position() + 8 * n);
      float[] weights = new float[n * L];
      java.nio.ShortBuffer halves = in.asShortBuffer();
      for (int i = 0; i < weights.length; i++) {
        weights[i] = Float.float16ToFloat(halves.get());
      }
      in.position(in.position() + 2 * weights.length);
      long[] gazKeys = new long[in.getInt()];
      in.asLongBuffer().get(gazKeys);
      in.position(in.position() + 8 * gazKeys.length);
      byte[] codes = new byte[gazKeys.length];
      in.get(codes);
      WordClusters clusters = magic == MAGIC_CLUSTERS ? WordClusters.read(in) : WordClusters.NONE;
      return new Tagger(keys, weights, transitions, scale, new Gazetteer(gazKeys, codes, clusters));
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
      throw new IOException("truncated or corrupt name tagger model", e);
    }
  }
}
