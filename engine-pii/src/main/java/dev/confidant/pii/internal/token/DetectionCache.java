package dev.confidant.pii.internal.token;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.mapping.Mapping;
import dev.confidant.pii.internal.recognize.Analyzer;
import java.nio.ByteBuffer;
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
 * still reused if none occurs; otherwise the text is re-matched and merged again. Entries are offsets, types, scores and explanations only (explanations name
 * recognizers and cue words, never a value): neither the text nor a value is kept, so nothing personal lives here
 * outside the vault's protection. On a hit the values are read again from the text at hand. Results whose value is
 * not exactly the text between their offsets are not kept.
 *
 * <p>Bounded: at most {@code maxEntries} texts and {@value #SPANS_PER_ENTRY} spans per entry on average in total
 * (one span costs about 50 bytes with its explanation, so about 3 KB per entry), least recently used first out; a
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
    Key key = key(scope, text);
    Entry entry;
    lock.lock();
    try {
      entry = entries.get(key);
      if (entry != null) {
        hits++;
      } else {
        misses++;
      }
    } finally {
      lock.unlock();
    }
    List<PiiEntity> recognized = null;
    if (entry == null) {
      recognized = analyzer.recognize(text);
      Spans kept = Spans.of(text, recognized);
      if (kept != null && kept.size() <= maxSpans / 8) {
        entry = new Entry(kept);
        put(key, entry);
      }
    }
    Mapping.RematchState state = mapping == null ? Mapping.RematchState.EMPTY : mapping.rematchState();
    Resolution last = entry == null ? null : entry.resolution;
    if (last != null && last.state.equals(state)) {
      return last.merged.entities(text); // the same mapping values: the same matches, no need to look again
    }
    if (last != null && mapping != null) {
      // Values added since the text was last matched: if none of them occurs in it, its matches are the same.
      List<String> since = mapping.valuesSince(last.state);
      if (since != null && Analyzer.rematch(text, mapping, since).isEmpty()) {
        resolve(entry, new Resolution(state, last.rematched, last.merged));
        return last.merged.entities(text);
      }
    }
    List<PiiEntity> rematched = Analyzer.rematch(text, mapping);
    if (last != null && last.matches(rematched)) {
      resolve(entry, new Resolution(state, last.rematched, last.merged));
      return last.merged.entities(text);
    }
    if (recognized == null) {
      recognized = entry.recognized.entities(text);
    }
    List<PiiEntity> merged = analyzer.merge(text, recognized, rematched);
    Spans mergedSpans = entry == null ? null : Spans.of(text, merged);
    if (mergedSpans != null) {
      resolve(entry, new Resolution(state, Resolution.positions(rematched), mergedSpans));
    }
    return merged;
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
    MessageDigest digest;
    try {
      digest = (MessageDigest) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
    }
    digest.update(scope.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    ByteBuffer hash = ByteBuffer.wrap(digest.digest());
    return new Key(hash.getLong(), hash.getLong(), hash.getLong(), text.length());
  }

  /** 192 bits of the SHA-256 and the text's length. */
  private record Key(long a, long b, long c, int length) {}

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
  private record Resolution(Mapping.RematchState state, int[] rematched, Spans merged) {
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
