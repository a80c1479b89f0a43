package dev.confidant.rag;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link HashingEmbedder} that holds every call whose texts contain {@code trigger} until {@link #open()}: a
 * document that is slow to embed, for as long as a test needs. Thread-safe.
 */
final class GatedEmbedder implements Embedder {
  private final Embedder delegate = new HashingEmbedder();
  private final String trigger;
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch gate = new CountDownLatch(1);

  GatedEmbedder(String trigger) {
    this.trigger = trigger;
  }

  /** Waits until a held call has started. */
  void awaitHeld() throws InterruptedException {
    if (!entered.await(60, TimeUnit.SECONDS)) {
      throw new AssertionError("no text with '" + trigger + "' reached the embedder");
    }
  }

  /** Lets held calls go on. */
  void open() {
    gate.countDown();
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    if (texts.stream().anyMatch(t -> t.contains(trigger))) {
      entered.countDown();
      try {
        if (!gate.await(120, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the gate was never opened");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return delegate.embed(texts);
  }
}
