package dev.confidant.benchmarks;

import dev.confidant.pii.DetectRequest;
import dev.confidant.pii.DetectResult;
import dev.confidant.pii.PiiDetector;
import dev.confidant.pii.PiiOptions;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Detection latency of {@code PiiDetector.detect} (pseudonymize one message, no mapping) with every detector on,
 * the trained name model included ({@code nameModel}), against the same detector without the name model
 * ({@code rulesOnly}), in the same run. Sample time, so JMH prints p50 and p99: the targets are p50 <= 5 ms
 * for a message of <= 300 characters and <= 30 ms for 2 KB. Messages are chat sentences in six languages with
 * names, places, addresses, phone numbers and e-mail addresses, drawn with {@code new Random(42)} until the size.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class PiiDetectionBenchmark {
  private static final List<String> SENTENCES = List.of(
      "Hi, my name is Jonas Bauer and I need help with my account.",
      "Please call Maria Fernández at +34 612 345 678 tomorrow morning.",
      "I moved from 12 Baker Street, London NW1 6XE to Kungsgatan 14, 111 43 Stockholm last month.",
      "Can you send the invoice to anna.weber@example.org before Friday?",
      "Guten Tag, ich bin Jürgen Müller und wohne in der Hauptstraße 5, 80331 München.",
      "Bonjour, je m'appelle Claire Dubois et j'habite 8 rue de Rivoli à Paris.",
      "Ciao, sono Giulia Rossi di Milano, il mio numero è 347 123 4567.",
      "Hallo, ik ben Pieter de Vries uit Utrecht en mijn klantnummer is 4711.",
      "The order was shipped on Monday, but it has not arrived yet.",
      "my friend olga petrova works for Northwind Logistics in Rotterdam.",
      "We had a meeting with Acme Corp yesterday about the new contract.",
      "Thanks for your quick answer, have a nice weekend!");

  @Param({"256", "2048", "65536"})
  public int messageBytes;

  private String text;
  private PiiDetector withNames;
  private PiiDetector rulesOnly;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    StringBuilder b = new StringBuilder();
    while (b.length() < messageBytes) {
      b.append(SENTENCES.get(random.nextInt(SENTENCES.size()))).append(' ');
    }
    text = b.substring(0, messageBytes);
    withNames = PiiDetector.create(PiiOptions.defaults());
    rulesOnly = PiiDetector.create(PiiOptions.defaults().withNameModel(false));
  }

  @Benchmark
  public DetectResult nameModel() {
    return withNames.detect(DetectRequest.of(text));
  }

  @Benchmark
  public DetectResult rulesOnly() {
    return rulesOnly.detect(DetectRequest.of(text));
  }
}
