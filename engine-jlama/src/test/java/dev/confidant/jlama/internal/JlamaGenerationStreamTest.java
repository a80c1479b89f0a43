package dev.confidant.jlama.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.spi.ChunkFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JlamaGenerationStreamTest {
  private final ChunkFactory chunks = ChunkFactory.start("m");

  @Test
  void aProducerFailureSurfacesFromNextAfterTheChunksBeforeIt() {
    GenerationStream stream = new GenerationStream();
    stream.emit(chunks.role());
    ModelInvocationException failure = new ModelInvocationException("boom", null);
    stream.fail(failure);
    assertThat(stream.next()).isNotNull();
    assertThatThrownBy(stream::next).isSameAs(failure);
    assertThat(stream.next()).isNull();
  }

  @Test
  void closeUnblocksAReaderAndStopsTheProducer() throws Exception {
    GenerationStream stream = new GenerationStream();
    AtomicReference<ChatCompletionChunk> read = new AtomicReference<>(chunks.role());
    Thread reader = Thread.ofVirtual().start(() -> read.set(stream.next()));
    Thread.sleep(50);
    stream.close();
    reader.join(2000);
    assertThat(reader.isAlive()).isFalse();
    assertThat(read.get()).isNull();
    assertThat(stream.cancelled()).isTrue();
    assertThat(stream.emit(chunks.content("late"))).as("emit after close").isFalse();
  }

  @Test
  void aFullQueueMakesTheProducerWaitUntilClosed() throws Exception {
    GenerationStream stream = new GenerationStream();
    Thread producer = Thread.ofVirtual().start(() -> {
      while (stream.emit(chunks.content("x"))) {
        // fills the queue, then blocks until the reader closes
      }
    });
    Thread.sleep(100);
    assertThat(producer.isAlive()).as("producer waits for the reader").isTrue();
    stream.close();
    producer.join(2000);
    assertThat(producer.isAlive()).isFalse();
  }
}
