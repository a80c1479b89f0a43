package dev.confidant.benchmarks;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.RequestContext;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.core.ChatEngines;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.Pseudonymization;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one turn of a conversation costs with pseudonymization on, as the conversation grows: the whole engine
 * (every discovered stage, pseudonymization with a vault thread) over a scripted backend, sent the history of
 * {@code messages - 1} messages plus one new user message, about 960 chars each (so 1, 10, 40, 160 messages are
 * about 1, 9.6, 38 and 153 KB, the sizes of issue 19). {@code cache} switches the detection cache
 * ({@link PiiOptions#DETECTION_CACHE_ENTRIES}) off (every turn detects the whole history, the cost before it) or on
 * (the history was sent in the previous turn; each turn detects its new message only). The new message is unique
 * per call, so it is always detected; with {@code newValue} it also adds a value to the conversation's mapping.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ConversationCostBenchmark {
  private static final String[] FIRST = {"Anna", "Jonas", "Mia", "Lukas", "Emma", "Oliver", "Sofia", "Noah"};
  private static final String[] LAST = {"Weber", "Schneider", "Fischer", "Hoffmann", "Thompson", "Carter"};
  private static final String[] CITIES = {"Berlin", "Hamburg", "Munich", "Cologne", "Vienna", "Zurich"};

  @Param({"1", "10", "40", "160"})
  public int messages;

  @Param({"off", "on"})
  public String cache;

  /**
   * {@code no}: the new message repeats values the conversation already has (its mapping stays the same);
   * {@code yes}: it brings a new e-mail address every turn, so the history is re-matched against the grown mapping.
   */
  @Param({"no", "yes"})
  public String newValue;

  private ChatCompletionEngine engine;
  private RequestContext context;
  private RequestContext plain;
  private List<ChatMessage> history;
  private String turnText;
  private long turn;

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(42);
    ScriptedModelBackend backend = ScriptedModelBackend.builder()
        .responder(r -> ScriptedReply.chunks("Thanks, ", "[NAME_1]", ", I will ", "check that.")).recordRequests(false)
        .build();
    engine = ChatEngines.builder().addBackend(backend).defaultBackend(backend.name())
        .option(PiiOptions.DETECTION_CACHE_ENTRIES, "on".equals(cache) ? 4096 : 0).build();
    context = RequestContext.of("bench", "space_1").with(Pseudonymization.KEY, Pseudonymization.ON);
    plain = RequestContext.of("bench", "space_1");
    history = new ArrayList<>();
    if (messages > 1) {
      history.add(new SystemMessage(message(random, "You are the support assistant of Nordlicht Logistik GmbH. ")));
    }
    for (int i = 1; i < messages - 1; i++) {
      history.add(i % 2 == 1 ? new UserMessage(message(random, "")) : new AssistantMessage(message(random, "")));
    }
    turnText = message(random, "");
  }

  /**
   * A new conversation thread per iteration (so that the values {@code newValue} adds do not pile up in one vault
   * over the whole run), and its previous turn: the history sent once, as a conversation has.
   */
  @Setup(Level.Iteration)
  public void newThread() {
    String thread = "thread-" + turn;
    context = context.withThreadId(thread);
    plain = plain.withThreadId(thread);
    engine.complete(request(), context);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  private ChatCompletionRequest request() {
    List<ChatMessage> all = new ArrayList<>(history);
    // A new user message each call (a unique turn number up front), so it is never found in the cache.
    long n = turn++;
    String fresh = "yes".equals(newValue) ? " Please copy colleague" + n + "@example.org." : "";
    // "Turn 7" would not do: the name model takes it for an organisation, a new value every turn.
    all.add(new UserMessage("Hello again, this is message " + n + " of our chat." + fresh + " " + turnText));
    return ChatCompletionRequest.of("bench", all.toArray(ChatMessage[]::new));
  }

  /** One turn: the history plus a new user message, through the whole engine. */
  @Benchmark
  public ChatCompletionResponse turn() {
    return engine.complete(request(), context);
  }

  /**
   * Baseline: the same turn with pseudonymization off (the engine and the scripted backend alone, which counts the
   * prompt's words), so {@code turn - baseline} is what pseudonymization costs.
   */
  @Benchmark
  public ChatCompletionResponse baseline() {
    return engine.complete(request(), plain);
  }

  /** About 960 chars of support chat with a name, an e-mail address, a phone number and a city in it. */
  static String message(Random random, String prefix) {
    StringBuilder b = new StringBuilder(prefix);
    while (b.length() < 900) {
      String first = FIRST[random.nextInt(FIRST.length)];
      String last = LAST[random.nextInt(LAST.length)];
      switch (random.nextInt(4)) {
        case 0 -> b.append("My name is ").append(first).append(' ').append(last)
            .append(" and I still wait for the delivery that was promised for last week. ");
        case 1 -> b.append("You can reach me at ").append(first.toLowerCase()).append('.')
            .append(last.toLowerCase()).append("@example.org or on the phone most afternoons. ");
        case 2 -> b.append("My number is +49 30 ").append(1000000 + random.nextInt(9000000))
            .append(", please call before five because I leave the office early. ");
        default -> b.append("The parcel should go to our office in ").append(CITIES[random.nextInt(CITIES.length)])
            .append(", where the reception signs for everything that arrives. ");
      }
    }
    return b.toString();
  }
}
