package dev.confidant.testkit;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.RequestContext;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageChain;
import dev.confidant.api.spi.StageContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal pipeline for testing stages: the stages in the order added, then the model backend (usually a
 * {@link ScriptedModelBackend}), run by the engine's own chain ({@link StageChain}), so a stage meets exactly the
 * rules and failure mapping it runs under: a stage that is not a {@linkplain Builder#toolLoopStage tool-loop stage}
 * may call {@code proceed} only once, no stage may return {@code null}, and failures arrive as the API's exceptions.
 * {@link #stream} returns what the stages produce, ending with the usage chunk as the backend contract says (the
 * engine drops that chunk for callers that did not ask for usage: {@link StageChain#forCaller}).
 * Immutable and thread-safe: every call builds its own chain.
 *
 * {@snippet class=dev.confidant.testkit.TestkitSnippets region=stage-harness}
 */
public final class StageHarness {
  private final List<StageChain.Link> stages;
  private final ModelBackend backend;

  private StageHarness(List<StageChain.Link> stages, ModelBackend backend) {
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
    return run(request, context);
  }

  /**
   * Runs the request and collects the stream into a {@code chat.completion}.
   *
   * @throws IllegalStateException if a stage breaks the chain rules
   */
  public ChatCompletionResponse complete(ChatCompletionRequest request) {
    return run(request, new StageContext(RequestContext.anonymous())).collect();
  }

  private CompletionStream run(ChatCompletionRequest request, StageContext context) {
    return StageChain.run(stages, requireNonNull(request, "request"), requireNonNull(context, "context"),
        backend::stream);
  }

  /** Adds stages in pipeline order. Not thread-safe. */
  public static final class Builder {
    private final ModelBackend backend;
    private final List<StageChain.Link> stages = new ArrayList<>();

    private Builder(ModelBackend backend) {
      this.backend = backend;
    }

    /** Adds a stage that must call {@code proceed} at most once. */
    public Builder stage(PipelineStage stage) {
      stages.add(new StageChain.Link(name(stage), Phase.AUGMENT, stage));
      return this;
    }

    /** Adds a {@link dev.confidant.api.spi.Phase#TOOL_LOOP} stage, which may call {@code proceed} repeatedly. */
    public Builder toolLoopStage(PipelineStage stage) {
      stages.add(new StageChain.Link(name(stage), Phase.TOOL_LOOP, stage));
      return this;
    }

    /** Failures name a stage by its position and class: {@code #0 (com.example.MyStage)}. */
    private String name(PipelineStage stage) {
      return "#" + stages.size() + " (" + requireNonNull(stage, "stage").getClass().getName() + ")";
    }

    /** The harness. */
    public StageHarness build() {
      return new StageHarness(stages, backend);
    }
  }
}
