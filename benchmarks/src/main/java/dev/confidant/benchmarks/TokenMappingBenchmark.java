package dev.confidant.benchmarks;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.spi.ChunkFactory;
import dev.confidant.pii.DetectRequest;
import dev.confidant.pii.DetectResult;
import dev.confidant.pii.PiiDetector;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.PlaceholderStyle;
import dev.confidant.pii.internal.mapping.Mapping;
import dev.confidant.pii.internal.recognize.Analyzer;
import dev.confidant.pii.internal.token.Detokenizer;
import dev.confidant.pii.internal.token.Pseudonymizer;
import dev.confidant.pii.internal.token.StreamingDetokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The token-mapping hot path: pseudonymizing a user message (rules + name model, with an existing mapping), restoring
 * placeholders in a model reply, and restoring a streamed reply chunk by chunk; against the two obvious ways of
 * restoring, measured in the same run: {@link String#replace} once per mapping entry, and one regex alternation of
 * all placeholders.
 *
 * <p>Messages are ASCII, so {@code messageBytes} is both chars and bytes: throughput in MB/s is
 * {@code messageBytes / (ns/op) * 1000}. A mapping of {@code mappingEntries} entries cycles names, e-mail addresses
 * and phone numbers ({@code [NAME_k]}, {@code [EMAIL_k]}, {@code [PHONE_k]}); messages carry a value (pseudonymize)
 * or a placeholder (detokenize) about every twelfth word, drawn uniformly from the mapping.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TokenMappingBenchmark {

  private static final String[] WORDS = ("the a to of and in is it you that for on with as your this be are at "
      + "or was have from not we can will please account order invoice payment delivery meeting address number "
      + "call send update contract request support help today tomorrow thanks regards team office customer "
      + "details booking ticket refund question change new").split(" ");
  private static final String[] SYLLABLES =
      "ka ro mi de lu ta an na we ber jo han sel ma rie li sa to ni el vo ra gen ko mu fa".split(" ");

  /** A mapping, messages of the requested size with values and with placeholders, and the mapping seeded. */
  @State(Scope.Benchmark)
  public static class Data {
    @Param({"256", "2048", "65536"})
    public int messageBytes;

    @Param({"10", "1000", "100000"})
    public int mappingEntries;

    /** Placeholder to value, in creation order. */
    Map<String, String> mapping;
    /** The same, immutable ({@code Map.copyOf}): what {@code PiiDetector.restore} may prepare once and reuse. */
    Map<String, String> immutableMapping;
    String[] placeholders;
    String[] values;
    /** A user message with raw values (pseudonymize input). */
    String plainText;
    /** A model reply with placeholders (detokenize input). */
    String maskedText;
    DetectRequest detectRequest;
    /** The mapping as the privacy stage holds it for a request: seeded once. */
    Mapping seeded;

    @Setup(Level.Trial)
    public void setUp() {
      Random random = new Random(42);
      mapping = mapping(random, mappingEntries);
      immutableMapping = Map.copyOf(mapping);
      placeholders = mapping.keySet().toArray(String[]::new);
      values = mapping.values().toArray(String[]::new);
      plainText = message(random, messageBytes, values);
      maskedText = message(random, messageBytes, placeholders);
      detectRequest = DetectRequest.of(plainText).withExistingMapping(mapping);
      seeded = new Mapping(PlaceholderStyle.SQUARE);
      seeded.seed(mapping);
      if (!Detokenizer.detokenize(maskedText, seeded.lookup()).equals(replaceAll(maskedText, this))) {
        throw new IllegalStateException("detokenizer and replace baseline disagree");
      }
    }
  }

  /** The detector and the pseudonymizer behind it; loading the name model takes a moment, so only where used. */
  @State(Scope.Benchmark)
  public static class Detector {
    PiiDetector detector;
    Pseudonymizer pseudonymizer;

    @Setup(Level.Trial)
    public void setUp() {
      PiiOptions options = PiiOptions.defaults();
      detector = PiiDetector.create(options);
      pseudonymizer = new Pseudonymizer(Analyzer.of(options));
    }
  }

  /** The regex baseline: every placeholder, quoted, joined by {@code |}. */
  @State(Scope.Benchmark)
  public static class Alternation {
    Pattern pattern;

    @Setup(Level.Trial)
    public void setUp(Data data) {
      pattern = Pattern.compile(data.mapping.keySet().stream().map(Pattern::quote).collect(Collectors.joining("|")));
    }
  }

  /**
   * A reply streamed as chunks of 1 to 8 chars (about what an LLM token is), placeholders split wherever the cuts
   * fall, replayed in a loop through one streaming detokenizer.
   */
  @State(Scope.Thread)
  public static class Stream {
    @Param({"10", "1000", "100000"})
    public int mappingEntries;

    ChatCompletionChunk[] chunks;
    StreamingDetokenizer detokenizer;
    int next;
    ChatCompletionChunk last;
    final Consumer<ChatCompletionChunk> sink = c -> last = c;

    @Setup(Level.Trial)
    public void setUp() {
      Random random = new Random(42);
      Map<String, String> mapping = mapping(random, mappingEntries);
      String reply = message(random, 65536, mapping.keySet().toArray(String[]::new));
      ChunkFactory factory = new ChunkFactory("chatcmpl-bench", "bench", 0);
      List<ChatCompletionChunk> list = new ArrayList<>();
      for (int at = 0; at < reply.length(); ) {
        int end = Math.min(reply.length(), at + 1 + random.nextInt(8));
        list.add(factory.content(reply.substring(at, end)));
        at = end;
      }
      chunks = list.toArray(ChatCompletionChunk[]::new);
      Mapping seeded = new Mapping(PlaceholderStyle.SQUARE);
      seeded.seed(mapping);
      detokenizer = new StreamingDetokenizer(seeded.lookup());
    }

    ChatCompletionChunk nextChunk() {
      ChatCompletionChunk c = chunks[next];
      next = next + 1 == chunks.length ? 0 : next + 1;
      return c;
    }
  }

  /** The public API: detect with rules and the name model, the existing mapping seeded per call. */
  @Benchmark
  public DetectResult pseudonymize(Data data, Detector detector) {
    return detector.detector.detect(data.detectRequest);
  }

  /** Detection and masking only, against a mapping seeded once (what one request's privacy stage does). */
  @Benchmark
  public Pseudonymizer.Masked pseudonymizeSeeded(Data data, Detector detector) {
    return detector.pseudonymizer.mask(data.plainText, data.seeded, true);
  }

  /** The one-pass detokenizer against a seeded mapping: one table lookup per placeholder, no lock, no key string. */
  @Benchmark
  public String detokenize(Data data) {
    return Detokenizer.detokenize(data.maskedText, data.seeded.lookup());
  }

  /** The public {@link PiiDetector#restore} with a mutable map: a placeholder table per call, then the detokenizer. */
  @Benchmark
  public String restore(Data data, Detector detector) {
    return detector.detector.restore(data.maskedText, data.mapping);
  }

  /** {@link PiiDetector#restore} with an immutable map: the table is built once and reused (as for a result's map). */
  @Benchmark
  public String restoreImmutable(Data data, Detector detector) {
    return detector.detector.restore(data.maskedText, data.immutableMapping);
  }

  /** Baseline: {@link String#replace} once per mapping entry. */
  @Benchmark
  public String replacePerEntry(Data data) {
    return replaceAll(data.maskedText, data);
  }

  /** Baseline: one regex alternation of all placeholders, each match looked up in a hash map. */
  @Benchmark
  public String regexAlternation(Data data, Alternation alternation) {
    Map<String, String> mapping = data.mapping;
    return alternation.pattern.matcher(data.maskedText)
        .replaceAll(m -> Matcher.quoteReplacement(mapping.get(m.group())));
  }

  /** One chunk through the streaming detokenizer: ns/op is ns per chunk. */
  @Benchmark
  public void streamingDetokenize(Stream stream, Blackhole bh) {
    stream.detokenizer.onChunk(stream.nextChunk(), stream.sink);
    bh.consume(stream.last);
  }

  /** Baseline for a chunk: the copy any chunk transformer makes (same text, new delta, choice and chunk). */
  @Benchmark
  public void streamingCopy(Stream stream, Blackhole bh) {
    ChatCompletionChunk chunk = stream.nextChunk();
    ChunkChoice choice = chunk.choices().get(0);
    String text = choice.delta().content();
    stream.sink.accept(chunk.withChoices(List.of(choice.withDelta(choice.delta().withContent(text)))));
    bh.consume(stream.last);
  }

  static String replaceAll(String text, Data data) {
    String s = text;
    String[] keys = data.placeholders;
    String[] values = data.values;
    for (int i = 0; i < keys.length; i++) {
      s = s.replace(keys[i], values[i]);
    }
    return s;
  }

  /** {@code n} entries cycling names, e-mail addresses and phone numbers, each value distinct. */
  static Map<String, String> mapping(Random random, int n) {
    Map<String, String> mapping = new LinkedHashMap<>(n * 2);
    Map<String, Integer> counters = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String first = name(random);
      String last = name(random);
      String tag;
      String value;
      switch (i % 3) {
        case 0 -> {
          tag = "NAME";
          value = first + " " + last;
        }
        case 1 -> {
          tag = "EMAIL";
          value = first.toLowerCase() + "." + last.toLowerCase() + i + "@example.org";
        }
        default -> {
          tag = "PHONE";
          value = String.format("+49 30 %07d", i);
        }
      }
      int number = counters.merge(tag, 1, Integer::sum);
      mapping.put(PlaceholderStyle.SQUARE.format(tag, number), value);
    }
    return mapping;
  }

  /** Exactly {@code bytes} ASCII chars of words, one of {@code specials} about every twelfth word. */
  static String message(Random random, int bytes, String[] specials) {
    StringBuilder b = new StringBuilder(bytes + 64);
    int sentence = 0;
    while (true) {
      String word = random.nextInt(12) == 0 ? specials[random.nextInt(specials.length)]
          : WORDS[random.nextInt(WORDS.length)];
      if (sentence == 0) {
        word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
      }
      String sep = ++sentence > 8 + random.nextInt(10) ? ". " : " ";
      if (sep.length() > 1) {
        sentence = 0;
      }
      if (b.length() + word.length() + sep.length() > bytes) {
        break;
      }
      b.append(word).append(sep);
    }
    while (b.length() < bytes) {
      b.append(' ');
    }
    return b.toString();
  }

  private static String name(Random random) {
    StringBuilder b = new StringBuilder();
    int syllables = 2 + random.nextInt(2);
    for (int i = 0; i < syllables; i++) {
      b.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
    }
    b.setCharAt(0, Character.toUpperCase(b.charAt(0)));
    return b.toString();
  }
}
