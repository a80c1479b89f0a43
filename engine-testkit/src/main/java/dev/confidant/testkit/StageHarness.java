package dev.confidant.testkit;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.RequestContext;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal pipeline for testing stages: the stages in the order added, then the model backend (usually a
 * {@link ScriptedModelBackend}). It enforces the chain rules the engine enforces: a stage that is not a
 * {@linkplain Builder#toolLoopStage tool-loop stage} may call {@code proceed} only once, and no stage may return
 * {@code null}. Immutable and thread-safe: every call builds its own chain.
 *
 * {@snippet :
 * ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("Hi <PERSON_1>").splitPerCodePoint());
 * StageHarness harness = StageHarness.of(new MyStage(), backend);
 * assertThat(harness.complete(ChatCompletionRequest.of("m", new UserMessage("Hi"))).message().text())
 *     .isEqualTo("Hi Ada");
 * }
 */
public final class StageHarness {
  private final List<Entry> stages;
  private final ModelBackend backend;

  private StageHarness(List<Entry> stages, ModelBackend backend) {
    this.stages = List.copyOf(stages);
    this.backend = backend;
  }

  /** One ordinary stage in front of a backend. */
  public static StageHarness of(PipelineStage stage, ModelBackend backend) {
    return builder(backend).stage(stage).build();
  }

  /** A builder for stages in front of this backend. */
  public static Builder builder(ModelBackend backend) {
    return new Builder(requireNonNull(backend, "backend"));
  }

  /**
   * Runs the request through the stages with an anonymous {@link RequestContext}.
   *
   * @throws IllegalStateException if a stage breaks the chain rules
   */
  public CompletionStream stream(ChatCompletionRequest request) {
    return stream(request, new StageContext(RequestContext.anonymous()));
  }

  /**
   * Runs the request through the stages with this context.
   *
   * @throws IllegalStateException if a stage breaks the chain rules
   */
  public CompletionStream stream(ChatCompletionRequest request, StageContext context) {
    requireNonNull(request, "request");
    requireNonNull(context, "context");
    return proceedFrom(0, request, context);
  }

  /**
   * Runs the request and collects the stream into a {@code chat.completion}.
   *
   * @throws IllegalStateException if a stage breaks the chain rules
   */
  public ChatCompletionResponse complete(ChatCompletionRequest request) {
    return stream(request).collect();
  }

  private CompletionStream proceedFrom(int index, ChatCompletionRequest request, StageContext context) {
    if (index == stages.size()) {
      return requireNonNull(backend.stream(request, context), "backend " + backend.name() + " returned null");
    }
    Entry entry = stages.get(index);
    CompletionStream result = entry.stage().intercept(new HarnessChain(index, request, context));
    if (result == null) {
      throw new IllegalStateException("stage " + describe(entry) + " returned null instead of a stream");
    }
    return result;
  }

  private static String describe(Entry entry) {
    return "#" + entry.position() + " (" + entry.stage().getClass().getName() + ")";
  }

  private record Entry(PipelineStage stage, boolean toolLoop, int position) {}

  /** The chain one stage sees for one call. */
  private final class HarnessChain implements PipelineStage.Chain {
    private final int index;
    private final ChatCompletionRequest request;
    private final StageContext context;
    private final AtomicInteger proceeded = new AtomicInteger();

    HarnessChain(int index, ChatCompletionRequest request, StageContext context) {
      this.index = index;
      this.request = request;
      this.context = context;
    }

    @Override
    public ChatCompletionRequest request() {
      return request;
    }

    @Override
    public StageContext context() {
      return context;
    }

    @Override
    public CompletionStream proceed(ChatCompletionRequest next) {
      requireNonNull(next, "request");
      Entry entry = stages.get(index);
      if (proceeded.incrementAndGet() > 1 && !entry.toolLoop()) {
        throw new IllegalStateException("stage " + describe(entry) + " called proceed " + proceeded.get()
            + " times; only TOOL_LOOP stages may call it more than once");
      }
      return proceedFrom(index + 1, next, context);
    }
  }

  /** Adds stages in pipeline order. Not thread-safe. */
  public static final class Builder {
    private final ModelBackend backend;
    private final List<Entry> stages = new ArrayList<>();

    private Builder(ModelBackend backend) {
      this.backend = backend;
    }

    /** Adds a stage that must call {@code proceed} at most once. */
    public Builder stage(PipelineStage stage) {
      stages.add(new Entry(requireNonNull(stage, "stage"), false, stages.size()));
      return this;
    }

    /** Adds a {@link dev.confidant.api.spi.Phase#TOOL_LOOP} stage, which may call {@code proceed} repeatedly. */
    public Builder toolLoopStage(PipelineStage stage) {
      stages.add(new Entry(requireNonNull(stage, "stage"), true, stages.size()));
      return this;
    }

    /** The harness. */
    public StageHarness build() {
      return new StageHarness(stages, backend);
    }
  }
}
