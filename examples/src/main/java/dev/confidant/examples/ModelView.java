package dev.confidant.examples;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.PipelineStageProvider;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * A stage that shows what the model sees: it runs last in {@link Phase#PRIVACY}, after the
 * {@code pseudonymization} stage, so it prints the request as it goes to the model (personal data replaced by
 * placeholders such as {@code [NAME_1]}) and the model's reply before the placeholders are restored. The stage
 * itself changes nothing. Registered explicitly with {@code ChatEngines.builder().addStage(new ModelView(out))};
 * it is deliberately not in {@code META-INF/services}, so that no other engine picks it up.
 *
 * <p>Thread-safe: each request writes its own lines; lines of concurrent requests may interleave.
 */
final class ModelView implements PipelineStageProvider {
  static final String NAME = "model-view";
  private final PrintStream out;

  ModelView(PrintStream out) {
    this.out = requireNonNull(out, "out");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Phase phase() {
    return Phase.PRIVACY;
  }

  /** After every other privacy stage, so that it sees the masked request. */
  @Override
  public int order() {
    return Integer.MAX_VALUE;
  }

  @Override
  public PipelineStage create(EngineContext context) {
    return chain -> {
      out.println("The model received:");
      for (ChatMessage message : chain.request().messages()) {
        out.println("  " + message.role().wireName() + ": " + message.text());
      }
      if (!chain.request().tools().definitions().isEmpty()) {
        out.println("  tools: " + chain.request().tools().definitions().size());
      }
      return chain.proceed(chain.request()).transform(new ReplyPrinter());
    };
  }

  /** Collects the model's content and prints it once the model has finished. */
  private final class ReplyPrinter implements CompletionStream.ChunkTransformer {
    private final StringBuilder reply = new StringBuilder();

    @Override
    public void onChunk(ChatCompletionChunk chunk, Consumer<ChatCompletionChunk> next) {
      for (ChunkChoice choice : chunk.choices()) {
        if (choice.index() == 0 && choice.delta().content() != null) {
          reply.append(choice.delta().content());
        }
      }
      next.accept(chunk);
    }

    @Override
    public void onComplete(Consumer<ChatCompletionChunk> next) {
      out.println("The model replied:");
      out.println("  " + reply);
    }
  }
}
