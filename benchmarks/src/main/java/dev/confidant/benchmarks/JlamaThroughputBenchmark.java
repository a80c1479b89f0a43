package dev.confidant.benchmarks;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.RequestContext;
import dev.confidant.api.Sampling;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.EngineOption;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.ChatEngines;
import dev.confidant.jlama.JlamaOptions;
import dev.confidant.jlama.TinyModels;
import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.model.functions.Generator;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.prompt.PromptContext;
import dev.confidant.jlama.internal.JlamaBackendProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Tokens per second of in-process inference through the whole engine against the {@code jlama} backend called
 * directly (the {@link ModelBackend} its provider creates: Jlama's forward pass and Confidant's decoding loop, no
 * pipeline), on the same model, prompt, token limit and temperature 0. The {@code :tokens} secondary result is
 * completion tokens per second; the ratio of {@code engine:tokens} to {@code backend:tokens} is what the engine costs.
 * {@code jlama} is Jlama's own {@code AbstractModel.generate} on a third copy of the model (chat template rendered
 * by Jlama, a fresh session per request, {@code ntokens} = prompt length + the token limit, since Jlama counts
 * positions): the library as a user would call it without Confidant.
 *
 * <p>{@code model} is {@code tiny} (the generated random model, see {@link TinyModels}) or a model directory; a
 * directory that does not exist fails that parameter's setup with "skipped: ..." and the run goes on.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class JlamaThroughputBenchmark {
  /** Token limit of every request. */
  static final int MAX_TOKENS = 64;

  @Param({"tiny", "../shared/models/stories260K"})
  public String model;

  private ChatCompletionRequest request;
  private ChatCompletionEngine engine;
  private ModelBackend backend;
  private StageContext context;
  private AbstractModel jlama;
  private PromptContext jlamaPrompt;
  private int jlamaPositions;

  /** Completion tokens generated, reported as tokens per second next to requests per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Tokens {
    public long tokens;

    @Setup(Level.Iteration)
    public void reset() {
      tokens = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    Path dir;
    if (model.equals("tiny")) {
      dir = TinyModels.ensure(Path.of(System.getProperty("java.io.tmpdir"), "confidant-models"));
    } else {
      dir = Path.of(model).toAbsolutePath().normalize();
      if (!Files.isDirectory(dir)) {
        throw new IllegalStateException("skipped: model directory " + dir + " does not exist");
      }
    }
    Path modelDir = dir;
    request = ChatCompletionRequest.of(null, new UserMessage("Once upon a time"))
        .withSampling(Sampling.DEFAULT.withTemperature(0.0).withMaxTokens(MAX_TOKENS));
    engine = ChatEngines.builder().option(JlamaOptions.MODEL_DIR, modelDir).build();
    backend = new JlamaBackendProvider().create(new EngineContext() {
      @Override
      public <T> Optional<T> option(EngineOption<T> option) {
        return option.equals(JlamaOptions.MODEL_DIR) ? Optional.of(option.type().cast(modelDir)) : Optional.empty();
      }
    });
    context = new StageContext(RequestContext.anonymous());
    // Both load the model on the first request: do it here, and check that both generate the same tokens.
    ChatCompletionResponse viaEngine = engine.complete(request);
    ChatCompletionResponse direct = backend.stream(request, context).collect();
    if (!viaEngine.message().content().equals(direct.message().content())) {
      throw new IllegalStateException("engine and backend disagree at temperature 0: " + viaEngine.message()
          .content() + " vs " + direct.message().content());
    }
    jlama = ModelSupport.loadModel(dir.toFile(), dir.toFile(), DType.F32, DType.F32, Optional.empty(),
        Optional.empty());
    String user = "Once upon a time";
    jlamaPrompt = jlama.promptSupport().map(p -> p.builder().addUserMessage(user).build())
        .orElseGet(() -> PromptContext.of(user));
    jlamaPositions = jlama.encodePrompt(jlamaPrompt).length + MAX_TOKENS;
    jlama.generate(UUID.randomUUID(), jlamaPrompt, 0.0f, jlamaPositions, (piece, p) -> { });
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    engine.close();
    backend.close();
    jlama.close();
  }

  /** Jlama's own generate() on the same prompt and token limit: the baseline without Confidant. */
  @Benchmark
  public Generator.Response jlama(Tokens tokens) {
    Generator.Response r = jlama.generate(UUID.randomUUID(), jlamaPrompt, 0.0f, jlamaPositions, (piece, p) -> { });
    tokens.tokens += r.generatedTokens;
    return r;
  }

  /** The backend alone: render, tokenize, prefill, decode {@value #MAX_TOKENS} tokens, collect. */
  @Benchmark
  public ChatCompletionResponse backend(Tokens tokens) {
    ChatCompletionResponse r = backend.stream(request, context).collect();
    tokens.tokens += r.usage().completionTokens();
    return r;
  }

  /** The same request through the whole engine (every discovered stage). */
  @Benchmark
  public ChatCompletionResponse engine(Tokens tokens) {
    ChatCompletionResponse r = engine.complete(request);
    tokens.tokens += r.usage().completionTokens();
    return r;
  }
}
