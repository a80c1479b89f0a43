package dev.confidant.jlama.internal;

import static dev.confidant.jlama.internal.JlamaFixtures.ask;
import static dev.confidant.jlama.internal.JlamaFixtures.context;
import static dev.confidant.jlama.internal.JlamaFixtures.greedy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.EngineConfigException;
import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.EngineOption;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.ModelBackendProvider;
import dev.confidant.jlama.JlamaOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JlamaModelLoaderTest {
  @TempDir Path temp;

  @Test
  void aMissingModelDirectoryIsAConfigErrorThatSaysWhatToDo() {
    JlamaBackend backend = new JlamaBackend(new JlamaSettings(temp.resolve("no-such-model"), temp, 0.7));
    assertThatThrownBy(() -> backend.stream(ask("Hi", greedy(3)), context()))
        .isInstanceOf(EngineConfigException.class)
        .hasMessageContaining("no-such-model")
        .hasMessageContaining("does not exist")
        .hasMessageContaining("JlamaOptions.MODEL_DIR")
        .hasMessageContaining("CONFIDANT_MODEL_DIR")
        .hasMessageContaining("config.json, tokenizer.json and model.safetensors");
  }

  @Test
  void anIncompleteModelDirectoryNamesTheMissingFiles() throws IOException {
    Path dir = Files.createDirectory(temp.resolve("half"));
    Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"llama\"}");
    JlamaBackend backend = new JlamaBackend(new JlamaSettings(dir, temp, 0.7));
    assertThatThrownBy(() -> backend.stream(ask("Hi", greedy(3)), context()))
        .isInstanceOf(EngineConfigException.class)
        .hasMessageContaining("lacks tokenizer.json, model.safetensors (or model.safetensors.index.json")
        .hasMessageNotContaining("lacks config.json");
  }

  @Test
  void anUnsupportedArchitectureIsNamed() throws IOException {
    Path dir = Files.createDirectory(temp.resolve("t5"));
    for (String file : new String[] {"tokenizer.json", "model.safetensors"}) {
      Files.writeString(dir.resolve(file), "{}");
    }
    Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"t5\"}");
    assertThatThrownBy(() -> ModelLoader.load(dir))
        .isInstanceOf(EngineConfigException.class)
        .hasMessageContaining("model_type 't5'")
        .hasMessageContaining("llama");
  }

  @Test
  void theProviderIsFoundUnderTheNameJlamaAndReadsItsOptions() {
    ModelBackendProvider provider = ServiceLoader.load(ModelBackendProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("jlama")).findFirst().orElseThrow();
    Map<EngineOption<?>, Object> options = Map.of(JlamaOptions.MODEL_DIR, temp.resolve("elsewhere"));
    EngineContext context = new EngineContext() {
      @Override
      public <T> Optional<T> option(EngineOption<T> option) {
        return Optional.ofNullable(option.type().cast(options.getOrDefault(option, option.defaultValue())));
      }
    };
    try (ModelBackend backend = provider.create(context)) {
      assertThat(backend.name()).isEqualTo("jlama");
      assertThatThrownBy(() -> backend.stream(ask("Hi", greedy(3)), context()))
          .isInstanceOf(EngineConfigException.class).hasMessageContaining("elsewhere");
    }
  }

  @Test
  void anInvalidDefaultTemperatureIsAConfigError() {
    assertThatThrownBy(() -> new JlamaSettings(null, temp, 3.0))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("jlama.default-temperature");
  }
}
