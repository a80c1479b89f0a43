package dev.confidant.jlama.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tjake.jlama.model.llama.LlamaTokenizer;
import dev.confidant.jlama.internal.tiny.TinyModelGenerator;
import dev.confidant.testkit.SharedData;
import dev.confidant.testkit.UnicodeSamples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JlamaSentencePieceBpeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> tokenizers() {
    List<Path> dirs = new ArrayList<>(List.of(TinyModelGenerator.ensure(JlamaFixtures.CACHE)));
    SharedData.resolve("models/stories260K").ifPresent(dirs::add);
    return dirs.stream();
  }

  @ParameterizedTest
  @MethodSource("tokenizers")
  void encodesExactlyAsJlamasTokenizer(Path dir) throws IOException {
    JsonNode tokenizer = JSON.readTree(dir.resolve("tokenizer.json").toFile());
    JsonNode config = JSON.readTree(dir.resolve("tokenizer_config.json").toFile());
    SentencePieceBpe fast = SentencePieceBpe.of(tokenizer, config).orElseThrow();
    LlamaTokenizer jlama = new LlamaTokenizer(dir);

    List<String> texts = new ArrayList<>(List.of("", " ", "  two  spaces ", "Once upon a time",
        "User: Hello</s>\nAssistant: Hi</s><s>there <unk>", "aaaaaaaaaaaaaaaa", "the the the theater",
        "tabs\tand\nnewlines\r\n", UnicodeSamples.MIXED, "caf\u00e9 na\u00efve \u00fcber \u4e2d\u6587 \uD83D\uDE00",
        "Mia and Pip went to the garden. They looked under the tree, behind the wall and inside the old boat."));
    Random random = new Random(7);
    String alphabet = "abcdefghijklmnopqrstuvwxyz      ,.!?'\u00e9\u00fc\u2581<>/s";
    for (int i = 0; i < 200; i++) {
      StringBuilder s = new StringBuilder();
      for (int n = random.nextInt(60); n > 0; n--) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      texts.add(s.toString());
    }
    for (String text : texts) {
      assertThat(fast.encode(text)).as("%s: %s", dir.getFileName(), text).containsExactly(jlama.encode(text));
    }
  }
}
