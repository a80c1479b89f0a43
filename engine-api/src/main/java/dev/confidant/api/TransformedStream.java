package dev.confidant.api;

import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/** {@link CompletionStream#transform} implementation. Not thread-safe, like any stream. */
final class TransformedStream implements CompletionStream {
  private final CompletionStream upstream;
  private final ChunkTransformer transformer;
  private final ArrayDeque<ChatCompletionChunk> ready = new ArrayDeque<>();
  private boolean upstreamDone;

  TransformedStream(CompletionStream upstream, ChunkTransformer transformer) {
    this.upstream = upstream;
    this.transformer = transformer;
  }

  @Override
  public @Nullable ChatCompletionChunk next() {
    while (ready.isEmpty() && !upstreamDone) {
      ChatCompletionChunk chunk = upstream.next();
      if (chunk == null) {
        upstreamDone = true;
        transformer.onComplete(ready::add);
      } else {
        transformer.onChunk(chunk, ready::add);
      }
    }
    return ready.poll();
  }

  @Override
  public void close() {
    upstreamDone = true;
    ready.clear();
    upstream.close();
  }
}
