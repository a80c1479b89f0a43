package dev.confidant.jlama;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JlamaModelsTest {
  @TempDir Path dir;

  @Test
  void theEmbeddedModelHasAContextOfFourThousandNinetySixTokens() {
    assertThat(JlamaModels.contextWindow(null)).hasValue(4096);
    assertThat(TinyModels.CONTEXT_WINDOW).isEqualTo(4096);
  }

  @Test
  void aModelDirectoryLosesJlamasRopeMarginOfTwoPositionsPerHead() throws IOException {
    Files.writeString(dir.resolve("config.json"),
        "{\"model_type\":\"llama\",\"max_position_embeddings\":2048,\"num_attention_heads\":32}");
    assertThat(JlamaModels.contextWindow(dir)).hasValue(2048 - 64);
  }

  @Test
  void gpt2ConfigsNameTheirContextNCtx() throws IOException {
    Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"gpt2\",\"n_ctx\":1024,\"n_head\":12}");
    assertThat(JlamaModels.contextWindow(dir)).hasValue(1000);
  }

  @Test
  void aTrainedLengthHintCapsTheWindow() throws IOException {
    Files.writeString(dir.resolve("config.json"), "{\"max_position_embeddings\":4112,\"num_attention_heads\":8,"
        + "\"trained_max_position_embeddings\":4000}");
    assertThat(JlamaModels.contextWindow(dir)).hasValue(4000);
  }

  @Test
  void aDirectoryWithoutAReadableContextHasNoWindow() throws IOException {
    assertThat(JlamaModels.contextWindow(dir)).isEmpty();
    Files.writeString(dir.resolve("config.json"), "{not json");
    assertThat(JlamaModels.contextWindow(dir)).isEmpty();
    Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"llama\"}");
    assertThat(JlamaModels.contextWindow(dir)).isEmpty();
  }
}
