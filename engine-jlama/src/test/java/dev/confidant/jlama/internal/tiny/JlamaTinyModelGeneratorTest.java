package dev.confidant.jlama.internal.tiny;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JlamaTinyModelGeneratorTest {
  /** SHA-256 over the file names and bytes of content version v2. */
  private static final String CONTENT_FINGERPRINT = "e51d0ec929284af862334e60921566c45b9e6c7cc411cd0599198ba551dd71bb";

  @TempDir Path temp;

  @Test
  void generatesTheSameBytesEveryTime() throws Exception {
    Path first = Files.createDirectory(temp.resolve("a"));
    Path second = Files.createDirectory(temp.resolve("b"));
    TinyModelGenerator.write(first);
    TinyModelGenerator.write(second);
    for (String file : TinyModelGenerator.FILES) {
      assertThat(Files.readAllBytes(second.resolve(file))).as(file).isEqualTo(Files.readAllBytes(first.resolve(file)));
    }
    assertThat(fingerprint(first))
        .as("generated content changed: bump TinyModelGenerator.CONTENT_VERSION and update this fingerprint")
        .isEqualTo(CONTENT_FINGERPRINT);
    assertThat(TinyModelGenerator.CONTENT_VERSION).isEqualTo("v2");
  }

  @Test
  void trainsAByteFallbackBpeVocabularyOfTheConfiguredSize() throws IOException {
    Path dir = Files.createDirectory(temp.resolve("m"));
    TinyModelGenerator.write(dir);
    JsonNode tokenizer = new ObjectMapper().readTree(dir.resolve("tokenizer.json").toFile());
    JsonNode vocab = tokenizer.path("model").path("vocab");
    assertThat(vocab.size()).isEqualTo(TinyModelSpec.DEFAULT.vocabSize());
    assertThat(vocab.path("<unk>").asInt()).isZero();
    assertThat(vocab.path("</s>").asInt()).isEqualTo(2);
    assertThat(vocab.path("<0x00>").asInt()).isEqualTo(3);
    assertThat(vocab.path("<0xFF>").asInt()).isEqualTo(258);
    assertThat(vocab.has("\u2581the")).isTrue();
    assertThat(tokenizer.path("model").path("byte_fallback").asBoolean()).isTrue();
    assertThat(tokenizer.path("model").path("merges").size()).isGreaterThan(150);
  }

  @Test
  void jlamaLoadsTheModelAndItsTokenizer() throws IOException {
    Path dir = Files.createDirectory(temp.resolve("m"));
    TinyModelGenerator.write(dir);
    try (AbstractModel model = ModelSupport.loadModel(dir.toFile(), dir.toFile(), DType.F32, DType.F32,
        Optional.empty(), Optional.empty())) {
      assertThat(model.getConfig().vocabularySize).isEqualTo(512);
      assertThat(model.getConfig().headSize).isEqualTo(16);
      JsonNode vocab = new ObjectMapper().readTree(dir.resolve("tokenizer.json").toFile()).path("model").path("vocab");
      // Frequent words of the training text are single merged tokens; the unseen 'ü' falls back to its UTF-8 bytes.
      assertThat(model.getTokenizer().encode("the garden\u00fc")).containsExactly(
          vocab.path("\u2581the").asLong(), vocab.path("\u2581garden").asLong(), 3 + 0xC3, 3 + 0xBC);
      assertThat(model.promptSupport()).isPresent();
    }
  }

  @Test
  void concurrentCallersShareOneCompleteCachedCopy() throws Exception {
    Path cache = temp.resolve("cache");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Path>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit((Callable<Path>) () -> TinyModelGenerator.ensure(cache)));
      }
      for (Future<Path> result : results) {
        assertThat(result.get()).isEqualTo(cache.resolve(TinyModelGenerator.DIRECTORY_NAME));
      }
    } finally {
      pool.shutdown();
    }
    try (var listing = Files.list(cache)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly(TinyModelGenerator.DIRECTORY_NAME);
    }
    for (String file : TinyModelGenerator.FILES) {
      assertThat(cache.resolve(TinyModelGenerator.DIRECTORY_NAME).resolve(file)).isRegularFile();
    }
  }

  static String fingerprint(Path dir) throws IOException, NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (String file : TinyModelGenerator.FILES) {
      sha.update(file.getBytes(StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(dir.resolve(file)));
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
