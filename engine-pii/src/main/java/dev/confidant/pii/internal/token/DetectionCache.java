package dev.confidant.pii.internal.token;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiAudit;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.mapping.Mapping;
import dev.confidant.pii.internal.recognize.Analyzer;
import dev.confidant.pii.internal.recognize.AuditRecorder;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * An analyzer's results for texts seen before, so that a conversation's history is not analyzed again on every
 * turn: a turn then costs detection of its new text, and a turn whose mapping gained values one hash per word of
 * the history to look for the new values. Content-addressed: the key is the SHA-256 of the analyzer's
 * {@linkplain Analyzer#fingerprint() fingerprint} (detection settings and model version), the caller's scope and
 * the text, plus the text's length. The scope (space and principal) keeps one tenant from learning by timing
 * whether another sent a text.
 *
 * <p>An entry holds what the recognizers found and the last merged result together with the mapping matches it
 * was merged with and the {@linkplain Mapping#rematchState() state} of the mapping they were found with: while the
 * mapping's state is the same, the merged result is reused without looking at the text again; when the mapping
 * gained values since, the text is searched for those values alone (one hash per word) and the merged result
 * still reused if none occurs; otherwise the text is re-matched and merged again. Once the text was masked with a
 * mapping in that state, the entry also keeps the placeholders it got, so that the next masking under the same
 * values {@linkplain Lookup#replay replays} them. Entries are offsets, types, scores, explanations and
 * placeholders only (explanations name recognizers and cue words, never a value): neither the text nor a value is
 * kept, so nothing personal lives here outside the vault's protection. On a hit the values are read again from the
 * text at hand. Results whose value is not exactly the text between their offsets are not kept.
 *
 * <p>Bounded: at most {@code maxEntries} texts and {@value #SPANS_PER_ENTRY} spans per entry on average in total
 * (one span costs about 50 bytes with its explanation, and up to about 100 with the placeholder it was last masked
 * with, so up to about 6.4 KB per entry), least recently used first out; a
 * text with more than an eighth of the span budget is never kept. Thread-safe (one short lock around the map;
 * concurrent turns of one conversation may both analyze a text, and the last result is kept).
 */
public final class DetectionCache {
  /** Average spans per entry that the span budget allows. */
  static final int SPANS_PER_ENTRY = 64;
  private static final EntityType[] TYPES = EntityType.values();

  private final Analyzer analyzer;
  private final MessageDigest prototype;
  private final int maxEntries;
  private final long maxSpans;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable Needles lastNeedles;
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long spans;
  private long hits;
  private long misses;

  /**
   * A cache of one analyzer's results.
   *
   * @param maxEntries the most texts kept, at least 1
   * @throws IllegalArgumentException if {@code maxEntries < 1}
   */
  public DetectionCache(int maxEntries, Analyzer analyzer) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
    }
    this.analyzer = analyzer;
    this.maxEntries = maxEntries;
    this.maxSpans = (long) maxEntries * SPANS_PER_ENTRY;
    try {
      prototype = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    prototype.update(analyzer.fingerprint().getBytes(StandardCharsets.UTF_8));
    prototype.update((byte) 0);
  }

  /**
   * What the analyzer {@linkplain Analyzer#merge merges} for {@code text} with the mapping's values re-found in it,
   * organisations included: reused where this scope had the text before, else analyzed and kept.
   *
   * @param scope whose text it is (e.g. space and principal); texts are never shared across scopes
   * @param mapping the conversation's mapping, or {@code null}
   */
  public List<PiiEntity> analyze(String scope, String text, @Nullable Mapping mapping) {
    return lookup(scope, text).analyze(mapping);
  }

  /**
   * Looks a text up once (one hash of it), for {@link Lookup#replay}, {@link Lookup#analyze} and
   * {@link Lookup#masked} on the same text.
   *
   * @param scope whose text it is (e.g. space and principal); texts are never shared across scopes
   */
  public Lookup lookup(String scope, String text) {
    return lookup(key(scope, text), text, null);
  }

  /**
   * Lookups of one scope's texts, for a pass over many (a request's messages): see {@link #lookup(String, String)}.
   *
   * @param scope whose texts they are (e.g. space and principal); texts are never shared across scopes
   */
  public Scope scope(String scope) {
    return new Scope(scope);
  }

  private Lookup lookup(Key key, String text, @Nullable Scope scope) {
    lock.lock();
    try {
      Entry entry = entries.get(key);
      if (entry != null) {
        hits++;
      } else {
        misses++;
      }
      return new Lookup(key, text, entry, scope);
    } finally {
      lock.unlock();
    }
  }

  /**
   * One text's entry (or its absence) in the cache, for one masking of it. Not thread-safe: one per text and pass.
   */
  public final class Lookup {
    private final Key key;
    private final String text;
    private @Nullable Entry entry;
    /** The pass's scratch array for {@link #replay}, or {@code null}. */
    private final @Nullable Scope scratch;
    /** The resolution whose merged spans {@link #analyze} returned, or {@code null}. */
    private @Nullable Resolution returned;

    private Lookup(Key key, String text, @Nullable Entry entry, @Nullable Scope scratch) {
      this.key = key;
      this.text = text;
      this.entry = entry;
      this.scratch = scratch;
    }

    /**
     * The text masked again as the last time, if the mapping would give every entity the same placeholder: the
     * placeholders put in between the text's runs without building an entity, normalising a value or asking the
     * mapping for it; what was masked or left is reported to {@code audit} as {@link Pseudonymizer} would.
     * {@code null} if the text was not masked before with this mapping's values (a placeholder may then be new),
     * with the other OII setting, or if {@code audit} looks for values below the threshold (that needs the
     * entities).
     */
    public @Nullable String replay(Mapping mapping, boolean includeOii, @Nullable AuditRecorder audit) {
      Entry e = entry;
      if (e == null || audit != null && audit.belowThreshold()) {
        return null;
      }
      Resolution r = current(e, mapping.rematchState(), mapping);
      Replay replay = r == null ? null : r.replay;
      if (replay == null || replay.includeOii != includeOii) {
        return null;
      }
      Spans merged = r.merged;
      if (audit != null) {
        replay.audit(mapping, audit);
      }
      if (replay.placeholderChars == 0) {
        return text;
      }
      // The masked text written once into a scratch array and copied into its String: no builder to zero and copy.
      int length = text.length() + replay.growth;
      char[] out = scratch != null ? scratch.chars(length) : new char[length];
      int at = 0;
      int pos = 0;
      for (int i = 0; i < replay.placeholders.length; i++) {
        String placeholder = replay.placeholders[i];
        if (placeholder != null) {
          int start = merged.bounds[2 * i];
          text.getChars(at, start, out, pos);
          pos += start - at;
          placeholder.getChars(0, placeholder.length(), out, pos);
          pos += placeholder.length();
          at = merged.bounds[2 * i + 1];
        }
      }
      text.getChars(at, text.length(), out, pos);
      return new String(out, 0, length);
    }

    /**
     * What the analyzer {@linkplain Analyzer#merge merges} for the text with the mapping's values re-found in it,
     * organisations included: reused where this scope had the text before, else analyzed and kept.
     *
     * @param mapping the conversation's mapping, or {@code null}
     */
    public List<PiiEntity> analyze(@Nullable Mapping mapping) {
      returned = null;
      List<PiiEntity> recognized = null;
      if (entry == null) {
        recognized = analyzer.recognize(text);
        Spans kept = Spans.of(text, recognized);
        if (kept != null && kept.size() <= maxSpans / 8) {
          entry = new Entry(kept);
          put(key, entry);
        }
      }
      Entry e = entry;
      Mapping.RematchState state = mapping == null ? Mapping.RematchState.EMPTY : mapping.rematchState();
      Resolution last = e == null ? null : current(e, state, mapping);
      if (last != null) {
        returned = last;
        return last.merged.entities(text); // the same mapping values: the same matches, no need to look again
      }
      last = e == null ? null : e.resolution;
      List<PiiEntity> rematched = Analyzer.rematch(text, mapping);
      if (last != null && last.matches(rematched)) {
        returned = new Resolution(state, last.rematched, last.merged, null);
        resolve(e, returned);
        return last.merged.entities(text);
      }
      if (recognized == null) {
        recognized = e.recognized.entities(text);
      }
      List<PiiEntity> merged = analyzer.merge(text, recognized, rematched);
      Spans mergedSpans = e == null ? null : Spans.of(text, merged);
      if (mergedSpans != null) {
        returned = new Resolution(state, Resolution.positions(rematched), mergedSpans, null);
        resolve(e, returned);
      }
      return merged;
    }

    /**
     * Keeps the placeholders the entities {@link #analyze} returned were masked with, so that {@link #replay} can
     * put them in again: only if the mapping's values are still those they were analyzed with (no placeholder was
     * created meanwhile, so each one follows from the mapping's values alone). Placeholders are no personal data.
     *
     * @param placeholders per entity {@link #analyze} returned, its placeholder, or {@code null} if it was left
     *     unmasked (an organisation while OII is off)
     */
    public void masked(Mapping mapping, boolean includeOii, @Nullable String[] placeholders) {
      Resolution r = returned;
      Entry e = entry;
      if (r == null || e == null || placeholders.length != r.merged.size()
          || !r.state.equals(mapping.rematchState())) {
        return;
      }
      resolve(e, new Resolution(r.state, r.rematched, r.merged, Replay.of(r.merged, includeOii, placeholders)));
    }

    /**
     * The entry's last resolution if it still holds for a mapping in {@code state}: the same state, or values added
     * since that do not occur in the text (then it is kept under the new state, with its placeholders); else
     * {@code null}.
     */
    private @Nullable Resolution current(Entry entry, Mapping.RematchState state, @Nullable Mapping mapping) {
      Resolution last = entry.resolution;
      if (last == null) {
        return null;
      }
      if (last.state.equals(state)) {
        return last;
      }
      if (mapping != null) {
        // Values added since the text was last matched: if none of them occurs in it, its matches are the same.
        List<String> since = mapping.valuesSince(last.state);
        if (since != null && (!needles(since).mayOccur(text) || Analyzer.rematch(text, mapping, since).isEmpty())) {
          Resolution now = new Resolution(state, last.rematched, last.merged, last.replay);
          resolve(entry, now);
          return now;
        }
      }
      return null;
    }
  }

  /**
   * Whether a value of {@code values} (normalised) may occur in {@code text} as re-matching finds values: {@code false}
   * only if none can, so that a turn's new values are looked for in each text of the history with a few vectorised
   * {@link String#indexOf} jumps instead of a hash per word. Re-matching finds a value where a word of the text, lower
   * cased, is the value's first word; for an ASCII first word each char of such a word is that char in either case or
   * (for {@code k}) the Kelvin sign, the one non-ASCII char that lower-cases to ASCII. So the text is searched for the
   * first word's rarest char in both cases and the word compared around each hit ignoring case. A value whose first
   * word is not ASCII may occur.
   */
  static boolean mayOccur(String text, List<String> values) {
    return Needles.of(values).mayOccur(text);
  }

  /** The needles of {@code values}, reused while a pass asks with the same list (a mapping hands out the same one). */
  private Needles needles(List<String> values) {
    Needles n = lastNeedles;
    if (n == null || n.values != values) {
      n = Needles.of(values);
      lastNeedles = n; // racy but whole: an immutable object
    }
    return n;
  }

  /**
   * What {@link #mayOccur} looks for, per value: its first word and the index of that word's rarest char (-1: not
   * lower-case ASCII, so it may occur anywhere). Immutable.
   */
  private record Needles(List<String> values, String[] words, int[] rarest) {
    static Needles of(List<String> values) {
      String[] words = new String[values.size()];
      int[] rarest = new int[values.size()];
      for (int i = 0; i < words.length; i++) {
        words[i] = Mapping.firstWord(values.get(i));
        rarest[i] = DetectionCache.rarest(words[i]);
      }
      return new Needles(values, words, rarest);
    }

    boolean mayOccur(String text) {
      for (int i = 0; i < words.length; i++) {
        String word = words[i];
        if (word.isEmpty()) {
          continue; // re-matching looks values up by their first word: one without is never re-found
        }
        int at = rarest[i];
        if (at < 0) {
          return true;
        }
        char c = word.charAt(at);
        char upper = c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
        if (occurs(text, word, at, c) || upper != c && occurs(text, word, at, upper)
            || c == 'k' && occurs(text, word, at, '\u212A')) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return "Needles[" + words.length + "]";
    }
  }

  /** Letters from the least to the most frequent in English text; digits rank with the common letters. */
  private static final String RARE_FIRST = "zqxjvbpygfwmucldrhsnioate";

  /** The index of {@code word}'s rarest char by {@code RARE_FIRST}, or -1 if {@code word} is not lower-case ASCII. */
  private static int rarest(String word) {
    int best = -1;
    int bestRank = Integer.MAX_VALUE;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      int rank;
      if (c >= 'a' && c <= 'z') {
        rank = RARE_FIRST.indexOf(c);
        rank = rank < 0 ? RARE_FIRST.length() : rank; // 'k' (Kelvin sign) is searched three times: last
      } else if (c >= '0' && c <= '9') {
        rank = RARE_FIRST.length() - 6;
      } else {
        return -1;
      }
      if (rank < bestRank) {
        best = i;
        bestRank = rank;
      }
    }
    return best;
  }

  /** Whether {@code word} occurs in {@code text}, ignoring case, where its char at {@code at} is {@code c}. */
  private static boolean occurs(String text, String word, int at, char c) {
    int len = word.length();
    for (int p = text.indexOf(c, at); p >= 0; p = text.indexOf(c, p + 1)) {
      int start = p - at;
      if (start + len <= text.length() && text.regionMatches(true, start, word, 0, len)) {
        return true;
      }
    }
    return false;
  }

  /** Texts found and not found so far, and what is kept. */
  public Stats stats() {
    lock.lock();
    try {
      return new Stats(hits, misses, entries.size(), spans);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Counters of a cache.
   *
   * @param hits texts whose recognizer results were reused
   * @param misses texts detected
   * @param entries texts kept now
   * @param spans spans kept now (recognized and merged)
   */
  public record Stats(long hits, long misses, int entries, long spans) {}

  private void put(Key key, Entry entry) {
    lock.lock();
    try {
      Entry old = entries.put(key, entry);
      spans += entry.weight;
      if (old != null) {
        spans -= old.weight;
        old.inMap = false;
      }
      evict();
    } finally {
      lock.unlock();
    }
  }

  private void resolve(Entry entry, Resolution resolution) {
    lock.lock();
    try {
      int weight = entry.recognized.size() + resolution.weight();
      if (entry.inMap) {
        spans += weight - entry.weight; // an evicted entry's weight was taken off when it left
      }
      entry.weight = weight;
      entry.resolution = resolution;
      evict();
    } finally {
      lock.unlock();
    }
  }

  private void evict() {
    var it = entries.entrySet().iterator();
    while ((entries.size() > maxEntries || spans > maxSpans) && it.hasNext()) {
      Map.Entry<Key, Entry> eldest = it.next();
      spans -= eldest.getValue().weight;
      eldest.getValue().inMap = false;
      it.remove();
    }
  }

  private Key key(String scope, String text) {
    return key(scoped(scope), text);
  }

  /** The prototype digest fed with {@code scope}: cloned once per text of that scope. */
  private MessageDigest scoped(String scope) {
    MessageDigest digest = clone(prototype);
    digest.update(scope.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    return digest;
  }

  private static Key key(MessageDigest scoped, String text) {
    MessageDigest digest = clone(scoped);
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    byte[] hash = digest.digest();
    return new Key((long) LONGS.get(hash, 0), (long) LONGS.get(hash, 8), (long) LONGS.get(hash, 16), text.length());
  }

  private static MessageDigest clone(MessageDigest digest) {
    try {
      return (MessageDigest) digest.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
    }
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /**
   * Lookups of one scope's texts (one masking pass): the scope is hashed once, not per text. Not thread-safe.
   */
  public final class Scope {
    private final MessageDigest digest;
    private char[] chars = new char[0];

    private Scope(String scope) {
      this.digest = scoped(scope);
    }

    /** {@link DetectionCache#lookup(String, String)} for this scope. */
    public Lookup lookup(String text) {
      return DetectionCache.this.lookup(key(digest, text), text, this);
    }

    /** A scratch array of at least {@code length} chars, reused by the pass's replays (as large as its largest). */
    private char[] chars(int length) {
      if (chars.length < length) {
        chars = new char[Math.max(length, 2 * chars.length)];
      }
      return chars;
    }
  }

  /**
   * 192 bits of the SHA-256 and the text's length. Equality and hash written out: the record's generated ones go
   * through method handles, on every text of every turn.
   */
  private record Key(long a, long b, long c, int length) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && a == k.a && b == k.b && c == k.c && length == k.length;
    }

    @Override
    public int hashCode() {
      return (int) a; // bits of a cryptographic hash: spread enough
    }
  }

  /** One text's recognizer results and its last merge. Fields other than {@code recognized} under the lock. */
  private static final class Entry {
    final Spans recognized;
    volatile @Nullable Resolution resolution;
    int weight;
    boolean inMap = true;

    Entry(Spans recognized) {
      this.recognized = recognized;
      this.weight = recognized.size();
    }
  }

  /**
   * A merged result, the mapping matches (start, end, type of each) it was merged with, and the state of the
   * mapping they were found with. Immutable.
   */
  private record Resolution(Mapping.RematchState state, int[] rematched, Spans merged, @Nullable Replay replay) {
    static int[] positions(List<PiiEntity> rematched) {
      int[] out = new int[3 * rematched.size()];
      for (int i = 0; i < rematched.size(); i++) {
        PiiEntity e = rematched.get(i);
        out[3 * i] = e.start();
        out[3 * i + 1] = e.end();
        out[3 * i + 2] = e.type().ordinal();
      }
      return out;
    }

    /** Whether {@code now} are the same matches (mapping matches differ only in where they are and their type). */
    boolean matches(List<PiiEntity> now) {
      if (now.size() * 3 != rematched.length) {
        return false;
      }
      for (int i = 0; i < now.size(); i++) {
        PiiEntity e = now.get(i);
        if (e.start() != rematched[3 * i] || e.end() != rematched[3 * i + 1]
            || e.type().ordinal() != rematched[3 * i + 2]) {
          return false;
        }
      }
      return true;
    }

    int weight() {
      return rematched.length / 3 + merged.size();
    }
  }

  /**
   * The placeholders a text's merged entities were masked with under a mapping state, for {@link Lookup#replay}:
   * per entity its placeholder or {@code null} (left unmasked), with the OII setting they were masked under, the
   * chars the masked text gains, and what masking them reports to the audit grouped by (type, detector,
   * placeholder) in order of first occurrence, each group's audit keys made once, so that a replayed text is
   * audited with one update per group instead of one per entity. No value. Immutable.
   */
  private record Replay(boolean includeOii, @Nullable String[] placeholders, int placeholderChars, int growth,
      AuditGroups groups) {
    static Replay of(Spans merged, boolean includeOii, @Nullable String[] placeholders) {
      int chars = 0;
      int growth = 0;
      AuditGroups.Builder groups = new AuditGroups.Builder();
      for (int i = 0; i < placeholders.length; i++) {
        EntityType type = TYPES[merged.types[i]];
        String placeholder = placeholders[i];
        if (placeholder != null) {
          chars += placeholder.length();
          growth += placeholder.length() - (merged.bounds[2 * i + 1] - merged.bounds[2 * i]);
          groups.add(type, AuditRecorder.detector(merged.explanations[i]), placeholder);
        } else if (type.organisational()) {
          groups.add(type, AuditRecorder.detector(merged.explanations[i]), null);
        }
      }
      return new Replay(includeOii, placeholders.clone(), chars, growth, groups.build());
    }

    /** Reports to {@code audit} what masking the entities again reports: those left, then those masked. */
    void audit(Mapping mapping, AuditRecorder audit) {
      AuditGroups g = groups;
      for (int i = 0; i < g.left.length; i++) {
        audit.add(g.left[i], g.leftCounts[i]);
      }
      for (int i = 0; i < g.reused.length; i++) {
        audit.add(mapping.created(g.reused[i].placeholder()) ? g.created[i] : g.reused[i], g.maskedCounts[i]);
      }
    }

    @Override
    public String toString() {
      return "Replay[" + placeholders.length + "]";
    }
  }

  /**
   * Audit keys of one replayed text and how often each occurs, in first-occurrence order: those left unmasked, and
   * per masked group its key as a reused placeholder and as a created one (which applies depends on the mapping).
   */
  private record AuditGroups(AuditRecorder.Key[] left, int[] leftCounts, AuditRecorder.Key[] reused,
      AuditRecorder.Key[] created, int[] maskedCounts) {
    @Override
    public String toString() {
      return "AuditGroups[" + left.length + " left, " + reused.length + " masked]";
    }

    /** Collects the groups in first-occurrence order. */
    static final class Builder {
      private record Group(EntityType type, String detector, @Nullable String placeholder) {}

      private final LinkedHashMap<Group, int[]> left = new LinkedHashMap<>();
      private final LinkedHashMap<Group, int[]> masked = new LinkedHashMap<>();

      /** An entity masked with {@code placeholder}, or left unmasked ({@code null}: an organisation, OII off). */
      void add(EntityType type, String detector, @Nullable String placeholder) {
        (placeholder == null ? left : masked)
            .computeIfAbsent(new Group(type, detector.intern(), placeholder), g -> new int[1])[0]++;
      }

      AuditGroups build() {
        AuditRecorder.Key[] l = new AuditRecorder.Key[left.size()];
        int[] lc = new int[l.length];
        int i = 0;
        for (Map.Entry<Group, int[]> e : left.entrySet()) {
          Group g = e.getKey();
          l[i] = new AuditRecorder.Key(g.type(), g.detector(), PiiAudit.Decision.LEFT_OII_OFF, null, null);
          lc[i++] = e.getValue()[0];
        }
        AuditRecorder.Key[] reused = new AuditRecorder.Key[masked.size()];
        AuditRecorder.Key[] created = new AuditRecorder.Key[reused.length];
        int[] mc = new int[reused.length];
        i = 0;
        for (Map.Entry<Group, int[]> e : masked.entrySet()) {
          Group g = e.getKey();
          reused[i] = new AuditRecorder.Key(g.type(), g.detector(), PiiAudit.Decision.MASKED, g.placeholder(),
              PiiAudit.Origin.REUSED);
          created[i] = new AuditRecorder.Key(g.type(), g.detector(), PiiAudit.Decision.MASKED, g.placeholder(),
              PiiAudit.Origin.CREATED);
          mc[i++] = e.getValue()[0];
        }
        return new AuditGroups(l, lc, reused, created, mc);
      }
    }
  }

  /** Offsets, types, scores and explanations of one text's entities; no value. Immutable. */
  private record Spans(int[] bounds, byte[] types, double[] scores, String[] explanations) {
    static @Nullable Spans of(String text, List<PiiEntity> found) {
      int n = found.size();
      int[] bounds = new int[2 * n];
      byte[] types = new byte[n];
      double[] scores = new double[n];
      String[] explanations = new String[n];
      for (int i = 0; i < n; i++) {
        PiiEntity e = found.get(i);
        if (e.end() > text.length() || e.value().length() != e.length()
            || !text.startsWith(e.value(), e.start())) {
          return null; // a recognizer that reports something other than the text's span: not kept
        }
        bounds[2 * i] = e.start();
        bounds[2 * i + 1] = e.end();
        types[i] = (byte) e.type().ordinal();
        scores[i] = e.score();
        explanations[i] = e.explanation();
      }
      return new Spans(bounds, types, scores, explanations);
    }

    int size() {
      return types.length;
    }

    List<PiiEntity> entities(String text) {
      List<PiiEntity> out = new ArrayList<>(types.length);
      for (int i = 0; i < types.length; i++) {
        int start = bounds[2 * i];
        int end = bounds[2 * i + 1];
        out.add(new PiiEntity(TYPES[types[i]], text.substring(start, end), start, end, scores[i],
            explanations[i]));
      }
      return out;
    }

    @Override
    public String toString() {
      return "Spans[" + types.length + "]";
    }
  }
}
