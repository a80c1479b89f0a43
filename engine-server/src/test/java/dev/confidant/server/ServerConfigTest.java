package dev.confidant.server;

import dev.confidant.core.SpaceRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.EngineConfigException;
import dev.confidant.core.ModelCapability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  static final String FULL = """
      listen:
        host: 0.0.0.0
        port: 9090
      storage-dir: /var/lib/confidant
      default-model: llama-3.2-1b
      default-space: research
      models:
        - id: llama-3.2-1b
          backend: jlama
          display-name: Llama 3.2 1B Instruct
          provider-slug: meta
          owned-by: confidant
          context-window: 131072
          capabilities: [chat, streaming, tools]
          active: true
          model-dir: /models/llama
        - id: gpt-4o
          backend: openai
      tokens:
        - principal: alice
          sha256: 2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b
      spaces:
        - id: research
          name: Research
          members:
            - principal: alice
              role: admin
            - principal: bob
              role: viewer
      limits:
        max-body-bytes: 2048
        max-concurrent-requests: 3
        max-queued-requests: 5
        queue-timeout-millis: 250
        retry-after-seconds: 2
        connections:
          max: 300
          per-client: 20
          header-timeout-millis: 4000
        rate:
          per-client-per-second: 50
          burst: 200
        ingestion:
          max-chunks-per-document: 500
          parse-timeout-millis: 5000
          max-queued-documents-per-space: 20
          max-queued-bytes-per-space: 1048576
          max-queued-bytes: 8388608
      vault:
        time-to-live-hours: 24
        max-entries-per-thread: 500
      """;

  @Test
  void readsTheDocumentedExample(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("confidant.yaml");
    Files.writeString(file, FULL);

    ServerConfig config = ServerConfig.load(file);

    assertThat(config.listen()).isEqualTo(new ServerConfig.Listen("0.0.0.0", 9090));
    assertThat(config.storageDir()).isEqualTo(Path.of("/var/lib/confidant"));
    assertThat(config.defaultModel()).isEqualTo("llama-3.2-1b");
    assertThat(config.defaultSpace()).isEqualTo("research");
    assertThat(config.models()).hasSize(2);
    ServerConfig.ModelEntry llama = config.models().get(0);
    assertThat(llama.spec().contextWindow()).isEqualTo(131072);
    assertThat(llama.spec().capabilities()).containsExactlyInAnyOrder(ModelCapability.CHAT,
        ModelCapability.STREAMING, ModelCapability.TOOLS);
    assertThat(llama.spec().providerSlug()).isEqualTo("meta");
    assertThat(llama.modelDir()).isEqualTo(Path.of("/models/llama"));
    ServerConfig.ModelEntry gpt = config.models().get(1);
    assertThat(gpt.spec().displayName()).isEqualTo("gpt-4o");
    assertThat(gpt.spec().providerSlug()).isEqualTo("openai");
    assertThat(gpt.spec().active()).isTrue();
    assertThat(config.tokens()).containsExactly(new ServerConfig.Token("alice",
        "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b"));
    assertThat(config.accessPolicy().role("alice", "research")).contains(SpaceRole.ADMIN);
    assertThat(config.accessPolicy().role("bob", "research")).contains(SpaceRole.VIEWER);
    assertThat(config.accessPolicy().role("bob", "elsewhere")).isEmpty();
    assertThat(config.limits()).isEqualTo(new ServerConfig.Limits(2048, 3, 5, 250, 2,
        new ServerConfig.Connections(300, 20, java.time.Duration.ofSeconds(4),
            ServerConfig.Connections.DEFAULT.idleTimeout()), new ServerConfig.Rate(50, 200, 10_000),
        dev.confidant.rag.IngestLimits.defaults().withMaxChunksPerDocument(500)
            .withParseTimeout(java.time.Duration.ofSeconds(5)).withQueue(20, 1 << 20, 8 << 20)));
    assertThat(ServerConfig.Limits.DEFAULT.rate().enabled()).as("off unless configured").isFalse();
    assertThat(config.vault()).isEqualTo(new ServerConfig.Vault(java.time.Duration.ofHours(24), 500,
        ServerConfig.Vault.DEFAULT.maxEntriesPerOwner()));
  }

  @Test
  void readsTheObservabilitySwitches() {
    ServerConfig config = ServerConfig.parse("observability: {playground: true, trace-stages: true}\n");
    assertThat(config.observability()).isEqualTo(new ServerConfig.Observability(true, null, true));
    assertThat(ServerConfig.parse("observability: {playground: true}\n").observability().traceStages()).isFalse();
  }

  @Test
  void vaultLimitsMustBePositive() {
    assertThatThrownBy(() -> ServerConfig.parse("vault: {max-entries-per-owner: 0}\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("vault.max-entries-per-owner")
        .hasMessageContaining(">= 1");
    assertThatThrownBy(() -> ServerConfig.parse("vault: {time-to-live-hours: 0}\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("vault.time-to-live-hours must be positive");
  }

  @Test
  void readsTheClusterStorage() {
    ServerConfig config = ServerConfig.parse("""
        storage:
          postgres: {url: "jdbc:postgresql://db:5432/confidant", user: confidant, password-env: PG_PASSWORD,
                     schema: confidant, max-pool-size: 4, ingest-lease-seconds: 10}
          opensearch: {url: "http://opensearch:9200", index-prefix: prod-kb-, shards: 2, replicas: 1}
        """);

    assertThat(config.storage().postgres()).isEqualTo(new ServerConfig.Postgres(
        "jdbc:postgresql://db:5432/confidant", "confidant", "PG_PASSWORD", "confidant", 4, Duration.ofSeconds(10)));
    assertThat(config.storage().opensearch()).isEqualTo(new ServerConfig.OpenSearch("http://opensearch:9200", null,
        null, "prod-kb-", 2, 1));
    assertThat(config.storage().clustered()).isTrue();
    assertThat(ServerConfig.parse("storage: {opensearch: {url: \"http://os:9200\"}}\n").storage())
        .isEqualTo(new ServerConfig.Storage(null, new ServerConfig.OpenSearch("http://os:9200", null, null,
            "confidant-kb-", 1, 0)));
  }

  @Test
  void clusterStorageErrorsNameTheirKeys() {
    assertThatThrownBy(() -> ServerConfig.parse("storage: {postgres: {user: x}}\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("storage.postgres.url");
    assertThatThrownBy(() -> ServerConfig.parse("storage: {postgres: {url: \"mysql://db?password=secret\"}}\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("storage.postgres.url must start with")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> ServerConfig.parse("storage: {opensearch: {url: \"os:9200\"}}\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("storage.opensearch.url");
    assertThatThrownBy(() -> ServerConfig.parse("storage: {redis: {url: x}}\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("redis");
  }

  @Test
  void bodyBoundsAreReadAndChecked() {
    ServerConfig config = ServerConfig.parse("limits: {max-body-bytes: 1000, connections: {body-timeout-millis: 5000,"
        + " body-bytes-in-flight: 4000}}\n");

    assertThat(config.limits().connections().bodyTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
    assertThat(config.limits().connections().bodyBytesInFlight()).isEqualTo(4000);
    assertThatThrownBy(() -> ServerConfig.parse("limits: {connections: {body-bytes-in-flight: 1000}}\n"))
        .isInstanceOf(EngineConfigException.class)
        .hasMessageContaining("limits.connections.body-bytes-in-flight (1000) must be at least limits.max-body-bytes");
  }

  @Test
  void omittedKeysTakeTheirDefaults() {
    ServerConfig config = ServerConfig.parse("tokens: []\n");

    assertThat(config.listen()).isEqualTo(ServerConfig.Listen.DEFAULT);
    assertThat(config.limits()).isEqualTo(ServerConfig.Limits.DEFAULT);
    assertThat(config.models()).isEmpty();
    assertThat(config.storageDir()).isNull();
    assertThat(config.vault()).isEqualTo(ServerConfig.Vault.DEFAULT);
    assertThat(config.storage()).isEqualTo(ServerConfig.Storage.EMBEDDED);
  }

  @Test
  void rejectsUnknownKeysNamingThem() {
    assertThatThrownBy(() -> ServerConfig.parse("limits:\n  max-body-byte: 5\n"))
        .isInstanceOf(EngineConfigException.class)
        .hasMessageContaining("max-body-byte")
        .hasMessageContaining("max-body-bytes");
  }

  @Test
  void rejectsAPlainTokenWhereAHashBelongsWithoutEchoingIt() {
    assertThatThrownBy(() -> ServerConfig.parse("tokens:\n  - principal: a\n    sha256: my-secret-token\n"))
        .isInstanceOf(EngineConfigException.class)
        .hasMessageContaining("64 hex digits")
        .hasMessageNotContaining("my-secret-token");
  }

  @Test
  void rejectsMissingRequiredKeysAndBadRoles() {
    assertThatThrownBy(() -> ServerConfig.parse("models:\n  - id: x\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("models[0].backend is required");
    assertThatThrownBy(() -> ServerConfig.parse("spaces:\n  - id: s\n    members:\n      - principal: a\n"
        + "        role: owner\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("owner");
    assertThatThrownBy(() -> ServerConfig.parse("models:\n  - id: x\n    backend: openai\n    model-dir: /m\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("only for the jlama backend");
    assertThatThrownBy(() -> ServerConfig.parse("default-space: nope\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> ServerConfig.parse("spaces:\n  - id: s\n  - id: s\n"))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("duplicate space id 's'");
  }

  @Test
  void reportsAMissingFile(@TempDir Path dir) {
    assertThatThrownBy(() -> ServerConfig.load(dir.resolve("absent.yaml")))
        .isInstanceOf(EngineConfigException.class).hasMessageContaining("absent.yaml");
  }

  @Test
  void developmentModeHasOneDefaultSpaceWhoseAdminIsTheTokenHolder() {
    ServerConfig config = ServerConfig.development("s3cret");

    assertThat(config.spaces()).extracting(ServerConfig.Space::id).containsExactly("default");
    assertThat(config.defaultSpace()).isEqualTo("default");
    assertThat(config.accessPolicy().role(ServerConfig.LOCAL_PRINCIPAL, "default")).contains(SpaceRole.ADMIN);
    assertThat(config.tokens()).containsExactly(new ServerConfig.Token("local", ServerConfig.sha256("s3cret")));
    assertThat(config.tokens().get(0).sha256()).doesNotContain("s3cret").hasSize(64);
    assertThat(config.listen().host()).isEqualTo("127.0.0.1");
  }
}
