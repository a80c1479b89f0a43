package dev.confidant.jlama.internal;

import static dev.confidant.jlama.internal.JlamaFixtures.ask;
import static dev.confidant.jlama.internal.JlamaFixtures.greedy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.prompt.PromptContext;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.FinishReason;
import dev.confidant.testkit.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the generation loop against a real trained model (skipped where the shared model is absent). */
class JlamaStories260KTest {
  private static final String KNOWN_CONTINUATION = ", there was a little girl named Lily. She loved to play outside in "
      + "the park. One day, she saw a big, red ball.";

  private static Path dir;

  @BeforeAll
  static void findModel() {
    Optional<Path> shared = SharedData.resolve("models/stories260K");
    assumeTrue(shared.isPresent(), "shared model stories260K not found");
    dir = shared.get();
  }

  @Test
  void greedyContinuationMatchesTheKnownReferenceText() {
    try (JlamaBackend backend = new JlamaBackend(new JlamaSettings(dir, JlamaFixtures.CACHE, 0.7))) {
      ChatCompletionResponse response = JlamaFixtures.complete(backend, ask("Once upon a time", greedy(60)));
      assertThat(response.message().text()).startsWith(KNOWN_CONTINUATION);
      assertThat(response.model()).isEqualTo("stories260K");
      assertThat(response.usage().promptTokens()).as("<s> Once upon a time").isEqualTo(5);
      assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);

      String stopped = JlamaFixtures.complete(backend, ask("Once upon a time", greedy(60).withStop(
          List.of(" named")))).message().text();
      assertThat(stopped).isEqualTo(", there was a little girl");
    }
  }

  @Test
  void aLongPromptPrefilledInSlicesContinuesAsJlamasOwnGenerateDoes() {
    String prompt = "Once upon a time, there was a little dog named Max. Max liked to run in the park with his "
        + "friend Sue. One day, Max and Sue found a big box under a tree. They opened the box and saw a small "
        + "red ball inside. Max was very happy. He picked up the ball and ran to his mom. His mom smiled and said";
    String ours;
    int promptTokens;
    try (JlamaBackend backend = new JlamaBackend(new JlamaSettings(dir, JlamaFixtures.CACHE, 0.7))) {
      ChatCompletionResponse response = JlamaFixtures.complete(backend, ask(prompt, greedy(40)));
      ours = response.message().text();
      promptTokens = response.usage().promptTokens();
    }
    assertThat(promptTokens).as("longer than one prefill slice").isGreaterThan(LoadedModel.PREFILL_SLICE);

    try (AbstractModel jlama = ModelSupport.loadModel(dir.toFile(), dir.toFile(), DType.F32, DType.F32,
        Optional.empty(), Optional.empty())) {
      // Jlama's ntokens counts the prompt; its one batch over the whole prompt is the reference here.
      String reference = jlama.generate(UUID.randomUUID(), PromptContext.of(prompt), 0f, promptTokens + 60,
          (piece, time) -> {}).responseText;
      assertThat(ours).isNotBlank();
      assertThat(reference.strip()).startsWith(ours.strip());
    }
  }
}
