package dev.confidant.jlama.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ErrorType;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.Violation;
import dev.confidant.api.spi.ChunkFactory;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import dev.confidant.jlama.internal.tiny.TinyModelGenerator;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The in-process {@code jlama} backend: serves one Hugging Face-layout model (or the generated tiny model) with
 * Jlama's forward pass and its own generation loop, because Jlama 0.8.4's {@code generate()} has no top-p, ignores
 * seeds, re-adds BOS, counts the prompt in its token limit and crashes near the end of the context.
 *
 * <p>The model loads lazily on the first request and is shared by all requests until {@link #close()}. A request
 * is validated, rendered with the model's chat template and tokenized on the caller's thread, so that invalid
 * requests fail fast with {@link InvalidRequestException}; tokens are then generated on a virtual thread and
 * streamed through a bounded queue.
 *
 * <p>Thread-safe. Concurrent requests share the model; their forward passes are serialized by a fair lock one
 * decoding step at a time (see {@link LoadedModel} for why Jlama's forward pass cannot run concurrently), so they
 * progress together rather than one after the other.
 */
final class JlamaBackend implements ModelBackend {
  static final String NAME = "jlama";
  private static final ObjectMapper SCHEMA_READER = new ObjectMapper();

  private final JlamaSettings settings;
  private final ReentrantLock loadLock = new ReentrantLock();
  private final AtomicInteger activeGenerations = new AtomicInteger();
  private volatile @Nullable LoadedModel model;
  private volatile boolean closed;

  JlamaBackend(JlamaSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CompletionStream stream(ChatCompletionRequest request, StageContext context) {
    reject(RequestChecks.check(request));
    LoadedModel m = model();
    List<ToolDefinition> tools = request.tools().choice() == ToolChoice.Mode.NONE ? List.of()
        : request.tools().definitions();
    int[] promptTokens = promptTokens(m, request, tools);
    reject(RequestChecks.againstModel(request, promptTokens.length, m.vocabSize(), m.maxPositions()));
    Integer limit = request.sampling().tokenLimit();
    int room = m.maxPositions() - promptTokens.length;
    Generation.Plan plan = new Generation.Plan(
        promptTokens,
        limit == null ? room : Math.min(limit, room),
        SamplingPlan.of(request.sampling(), settings.defaultTemperature()),
        request.sampling().stop(),
        ChunkFactory.start(request.model() != null ? request.model() : m.name()),
        constrainToJsonObject(request, tools));
    GenerationStream stream = new GenerationStream();
    activeGenerations.incrementAndGet();
    try {
      Thread.ofVirtual().name("jlama-generation").start(
          new Generation(m, plan, stream, activeGenerations::decrementAndGet));
    } catch (RuntimeException | Error e) {
      activeGenerations.decrementAndGet();
      throw e;
    }
    if (tools.isEmpty()) {
      return stream;
    }
    Set<String> names = new HashSet<>();
    tools.forEach(t -> names.add(t.name()));
    return stream.transform(new ToolCallExtractor(names));
  }

  /**
   * Whether to constrain decoding to one JSON object: for {@code json_object}, and for {@code json_schema} whose
   * root is an object (strict schemas must be). Not when tools are offered: a tool call is not the reply's JSON.
   * The schema itself is not enforced while decoding; the response-format stage validates and repairs.
   */
  static boolean constrainToJsonObject(ChatCompletionRequest request, List<ToolDefinition> tools) {
    if (!tools.isEmpty()) {
      return false;
    }
    return switch (request.responseFormat()) {
      case ResponseFormat.JsonObject o -> true;
      case ResponseFormat.JsonSchema s -> s.schema() != null && rootIsObject(s.schema().json());
      case null, default -> false;
    };
  }

  private static boolean rootIsObject(String schema) {
    try {
      return SCHEMA_READER.readTree(schema).path("type").asText().equals("object");
    } catch (JsonProcessingException e) {
      return false; // the request readers reject such schemas; the stage reports the rest
    }
  }

  /** The loaded model, loading it on first use. */
  LoadedModel model() {
    LoadedModel m = model;
    if (m != null) {
      return m;
    }
    loadLock.lock();
    try {
      if (closed) {
        throw new ModelInvocationException(ErrorType.BACKEND_UNAVAILABLE, "the jlama backend is closed", 0, null);
      }
      m = model;
      if (m == null) {
        Path dir = settings.modelDir() != null
            ? settings.modelDir()
            : TinyModelGenerator.ensure(settings.tinyModelCacheDir());
        m = ModelLoader.load(dir);
        model = m;
      }
      return m;
    } finally {
      loadLock.unlock();
    }
  }

  /** Generations whose producer has not ended yet (each holds a KV cache). */
  int activeGenerations() {
    return activeGenerations.get();
  }

  @Override
  public void close() {
    loadLock.lock();
    try {
      closed = true;
      LoadedModel m = model;
      model = null;
      if (m != null) {
        m.close();
      }
    } finally {
      loadLock.unlock();
    }
  }

  private static int[] promptTokens(LoadedModel m, ChatCompletionRequest request, List<ToolDefinition> tools) {
    try {
      return m.encode(PromptRenderer.render(m.promptSupport(), request.messages(), tools));
    } catch (RuntimeException e) {
      throw new ModelInvocationException("cannot render or tokenize the prompt for model '" + m.name() + "': " + e,
          e);
    }
  }

  private static void reject(List<Violation> violations) {
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
  }
}
