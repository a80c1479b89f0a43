package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.EngineConfigException;
import dev.confidant.api.Sampling;
import dev.confidant.core.ModelCapability;
import dev.confidant.core.ModelRegistry;
import dev.confidant.core.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code models}, {@code backends} and per-space endpoint keys of the YAML configuration. */
class ModelConfigTest {

  /** The complete example of README.md, so that the documentation cannot drift from the reader. */
  static String readmeExample() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("```yaml\nlisten:");
    assertThat(start).as("README.md has the complete configuration example").isNotNegative();
    int end = readme.indexOf("```", start + 7);
    return readme.substring(start + "```yaml\n".length(), end);
  }

  @Test
  void theReadmeExampleMapsOntoTheEngineRegistry() throws Exception {
    ServerConfig config = ServerConfig.parse(readmeExample());

    assertThat(config.models()).extracting(ServerConfig.ModelEntry::id)
        .containsExactly("llama-3.2-1b", "qwen-72b", "llama3-ollama");
    ModelSpec qwen = config.models().get(1).spec();
    assertThat(qwen.backend()).isEqualTo("openai");
    assertThat(qwen.backendModel()).isEqualTo("Qwen/Qwen2.5-72B-Instruct");
    assertThat(qwen.displayName()).isEqualTo("Qwen 2.5 72B");
    assertThat(qwen.providerSlug()).isEqualTo("alibaba");
    assertThat(qwen.contextWindow()).isEqualTo(32768);
    assertThat(qwen.capabilities()).contains(ModelCapability.JSON_SCHEMA).doesNotContain(ModelCapability.VISION);
    assertThat(qwen.defaults()).isEqualTo(new Sampling(0.7, 0.9, null, null, List.of("</s>"), 7L, null, null,
        Map.of()));
    assertThat(qwen.allowedSpaces()).containsExactly("research");
    assertThat(qwen.fallbacks()).containsExactly("llama3-ollama", "llama-3.2-1b");
    assertThat(config.models().get(0).spec().defaults().maxTokens()).isEqualTo(512);
    assertThat(config.models().get(2).spec().capabilities()).as("undeclared").isEmpty();
    assertThat(config.backends().openaiBaseUrl()).isEqualTo("http://10.0.0.5:8000/v1");
    assertThat(config.backends().openaiApiKeyEnv()).isEqualTo("VLLM_API_KEY");
    assertThat(config.backends().ollamaBaseUrl()).isEqualTo("http://localhost:11434");
    assertThat(config.backends().timeouts().firstToken()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.accessPolicy().allowsCustomModelEndpoint("research")).isTrue();
    assertThat(config.accessPolicy().allowsCustomModelEndpoint("support")).isFalse();
    assertThat(config.accessPolicy().allowsCustomModelEndpoint("nope")).isFalse();
  }

  @Test
  void theModelsBlockOfTheReadmeReadsAsIsAsAnEngineRegistry() throws Exception {
    // One reader: the same block, cut out of confidant.yaml, is a registry file for an embedded engine.
    String example = readmeExample();
    int start = example.indexOf("models:");
    int end = example.indexOf("\ntokens:", start);
    ModelRegistry registry = ModelRegistry.parse(example.substring(start, end + 1), true);

    List<ModelSpec> fromServer = ServerConfig.parse(example).models().stream().map(ServerConfig.ModelEntry::spec)
        .map(spec -> spec.backend().equals("jlama") ? spec.toBuilder().contextWindow(null).build() : spec)
        .toList();
    List<ModelSpec> fromRegistry = registry.models().stream()
        .map(spec -> spec.backend().equals("jlama") ? spec.toBuilder().contextWindow(null).build() : spec)
        .toList();
    assertThat(fromRegistry).isEqualTo(fromServer).hasSize(3);
  }

  @Test
  void aJlamaModelWithoutAContextWindowListsWhatItsConfigAllows(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("config.json"), "{\"max_position_embeddings\":8192,\"num_attention_heads\":32}");
    ServerConfig config = ServerConfig.parse("""
        models:
          - {id: tiny, backend: jlama}
          - {id: mine, backend: jlama, model-dir: "%s"}
          - {id: told, backend: jlama, context-window: 1000}
          - {id: remote, backend: openai}
        """.formatted(dir));

    assertThat(config.models()).extracting(m -> m.spec().contextWindow()).containsExactly(4096, 8192 - 64, 1000, null);
  }

  @Test
  void isActiveIsAnAliasOfActive() {
    ServerConfig config = ServerConfig.parse("models:\n  - {id: a, backend: openai, is-active: false}\n");
    assertThat(config.models().get(0).spec().active()).isFalse();
  }

  @Test
  void rejectsInconsistentRegistriesNamingTheEntry() {
    assertThatThrownBy(() -> ServerConfig.parse("models:\n  - {id: a, backend: openai, fallbacks: [b]}\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("falls back to 'b'");
    assertThatThrownBy(() -> ServerConfig.parse("models:\n  - {id: a, backend: openai, capabilities: [telepathy]}\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("models[0].capabilities")
        .hasMessageContaining("json_schema");
    assertThatThrownBy(() -> ServerConfig.parse("models:\n  - {id: a, backend: openai, allowed-spaces: [s]}\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("allowed-spaces names space 's'");
    assertThatThrownBy(() -> ServerConfig.parse("default-model: b\nmodels:\n  - {id: a, backend: openai}\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("default-model 'b'");
    assertThatThrownBy(() -> ServerConfig.parse("models:\n  - {id: a, backend: openai, context-window: 0}\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("models[0]");
    assertThatThrownBy(() -> ServerConfig.parse("models:\n  - {id: a, backend: openai, defaults: {temprature: 1}}\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("temprature");
    assertThatThrownBy(() -> ServerConfig.parse("backends:\n  ollama: {base-url: localhost:11434}\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("http://");
  }

  @Test
  void neverShowsTheApiKey() {
    assertThatThrownBy(() -> ServerConfig.parse(
        "backends:\n  openai: {api-key: sk-very-secret-1, api-key-env: KEY}\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageNotContaining("sk-very-secret-1");
    ServerConfig config = ServerConfig.parse("backends:\n  openai: {api-key: sk-very-secret-1}\n");
    assertThat(config.backends().openaiApiKey()).isEqualTo("sk-very-secret-1");
    assertThat(config.toString()).doesNotContain("sk-very-secret-1");
  }

  @Test
  void anUnsetKeyVariableFailsTheStartNamingIt() {
    ServerConfig config = ServerConfig.parse("listen: {port: 0}\nbackends:\n  openai: {api-key-env: NO_SUCH_KEY_VAR}\n"
        + "models:\n  - {id: a, backend: openai}\n");
    assertThatThrownBy(() -> ConfidantServer.builder(config).environment(Map.of()).start())
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("NO_SUCH_KEY_VAR");
  }
}
