package dev.confidant.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.EngineConfigException;
import dev.confidant.api.ModelNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  private static final String YAML = """
      models:
        - id: gpt-4o
          backend: openai
          backend-model: gpt-4o-2024-08-06
          display-name: GPT-4o
          provider-slug: openai
          context-window: 128000
          capabilities: [chat, streaming, tools, json_schema]
          defaults: {temperature: 0.2, max-tokens: 512, stop: ["END"]}
          allowed-spaces: [space_abc123]
          fallbacks: [llama3]
        - id: llama3
          backend: ollama
          backend-model: "llama3.2:3b"
        - id: retired
          backend: openai
          is-active: false
      """;

  @Test
  void yamlFileDescribesEveryField(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("models.yaml");
    Files.writeString(file, YAML);
    ModelRegistry registry = ModelRegistry.load(file);
    ModelSpec gpt = registry.resolve("gpt-4o");
    assertThat(gpt.backend()).isEqualTo("openai");
    assertThat(gpt.backendModel()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(gpt.displayName()).isEqualTo("GPT-4o");
    assertThat(gpt.providerSlug()).isEqualTo("openai");
    assertThat(gpt.contextWindow()).isEqualTo(128000);
    assertThat(gpt.capabilities()).containsExactlyInAnyOrder(ModelCapability.CHAT, ModelCapability.STREAMING,
        ModelCapability.TOOLS, ModelCapability.JSON_SCHEMA);
    assertThat(gpt.defaults().temperature()).isEqualTo(0.2);
    assertThat(gpt.defaults().maxTokens()).isEqualTo(512);
    assertThat(gpt.defaults().stop()).containsExactly("END");
    assertThat(gpt.allowedSpaces()).containsExactly("space_abc123");
    assertThat(gpt.fallbacks()).containsExactly("llama3");
    assertThat(gpt.active()).isTrue();
    ModelSpec llama = registry.resolve("llama3");
    assertThat(llama.displayName()).isEqualTo("llama3");
    assertThat(llama.providerSlug()).isEqualTo("ollama");
    assertThat(llama.capabilities()).isEmpty();
    assertThat(registry.models()).extracting(ModelSpec::id).containsExactly("gpt-4o", "llama3", "retired");
    assertThat(registry.chain(gpt)).extracting(ModelSpec::id).containsExactly("gpt-4o", "llama3");
  }

  @Test
  void jsonFileReadsTheSame(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("models.json");
    Files.writeString(file, """
        {"models": [{"id": "a", "backend": "openai", "fallbacks": ["b"]}, {"id": "b", "backend": "jlama"}]}
        """);
    ModelRegistry registry = ModelRegistry.load(file);
    assertThat(registry.chain(registry.resolve("a"))).extracting(ModelSpec::backend).containsExactly("openai", "jlama");
  }

  @Test
  void unknownModelListsTheActiveIds() {
    ModelRegistry registry = ModelRegistry.parse(YAML, true);
    assertThatThrownBy(() -> registry.resolve("gpt-5"))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessage("model 'gpt-5' not found; available: [gpt-4o, llama3]");
    assertThatThrownBy(() -> registry.resolve("retired"))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessage("model 'retired' is not active; available: [gpt-4o, llama3]");
  }

  @Test
  void mistakesInTheFileAreNamedWithTheirPlace() {
    assertThatThrownBy(() -> ModelRegistry.parse("models:\n  - id: a\n    backend: openai\n    fallback: [b]\n", true))
        .isInstanceOf(EngineConfigException.class)
        .hasMessageContaining("unknown key 'models[0].fallback'");
    assertThatThrownBy(() -> ModelRegistry.parse("models:\n  - id: a\n    backend: openai\n    fallbacks: [b]\n", true))
        .isInstanceOf(EngineConfigException.class)
        .hasMessageContaining("falls back to 'b', which is not in the registry");
    assertThatThrownBy(() -> ModelRegistry.parse("models:\n  - backend: openai\n", true))
        .hasMessageContaining("models[0].id is required");
    assertThatThrownBy(() -> ModelRegistry.parse("models:\n  - {id: a, backend: x, capabilities: [telepathy]}\n",
        true)).hasMessageContaining("unknown capability 'telepathy'");
    assertThatThrownBy(() -> ModelRegistry.parse("{\"models\": [", false))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> ModelRegistry.of(List.of(ModelSpec.of("a", "x"), ModelSpec.of("a", "y"))))
        .hasMessageContaining("duplicate model id 'a'");
  }

  @Test
  void builderDefaults() {
    ModelSpec spec = ModelSpec.builder("m", "ollama").allowedSpaces(Set.of("s1")).build();
    assertThat(spec.backendModel()).isEqualTo("m");
    assertThat(spec.ownedBy()).isEqualTo("confidant");
    assertThat(spec.toBuilder().build()).isEqualTo(spec);
    assertThatThrownBy(() -> ModelSpec.builder("m", "x").fallbacks(List.of("m")).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBlockOfTheJavadocReadsAsIsWithTheServersKeys() {
    // The snippet of ModelRegistry's javadoc, plus the keys only a server block uses.
    ModelRegistry registry = ModelRegistry.parse("""
        models:
          - id: gpt-4o
            backend: openai
            backend-model: gpt-4o-2024-08-06
            display-name: GPT-4o
            provider-slug: openai
            owned-by: openai
            context-window: 128000
            capabilities: [chat, streaming, tools, json_mode, json_schema, vision]
            defaults: {temperature: 0.7, max-tokens: 1024, top-p: 0.9, seed: 9007199254740993}
            allowed-spaces: [space_abc123]
            fallbacks: [llama3]
            active: true
          - id: llama3
            backend: ollama
            backend-model: llama3.2:3b
          - id: local
            backend: jlama
            model-dir: /models/Llama-3.2-1B-Instruct
            is-active: false
        """, true);
    ModelSpec gpt = registry.resolve("gpt-4o");
    assertThat(gpt.ownedBy()).isEqualTo("openai");
    assertThat(gpt.defaults().maxTokens()).isEqualTo(1024);
    assertThat(gpt.defaults().topP()).isEqualTo(0.9);
    assertThat(gpt.defaults().seed()).isEqualTo(9007199254740993L); // 64-bit seeds survive
    assertThat(gpt.capabilities()).hasSize(6);
    ModelSpec local = registry.find("local").orElseThrow();
    assertThat(local.modelDir()).isEqualTo(Path.of("/models/Llama-3.2-1B-Instruct"));
    assertThat(local.active()).isFalse();
    assertThatThrownBy(() -> ModelRegistry.parse("models:\n  - {id: a, backend: x, active: true, is-active: true}\n",
        true)).hasMessageContaining("sets both active and is-active");
  }
}
