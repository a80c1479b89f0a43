package dev.confidant.server;

import static java.util.Objects.requireNonNull;
import static java.util.Objects.requireNonNullElse;

import dev.confidant.api.EngineConfigException;
import dev.confidant.core.AccessPolicy;
import dev.confidant.jlama.JlamaModels;
import dev.confidant.core.ModelRegistry;
import dev.confidant.core.ModelSpec;
import dev.confidant.core.ModelTimeouts;
import dev.confidant.core.SpaceRole;
import dev.confidant.rag.IngestLimits;
import dev.confidant.pii.spi.VaultPolicy;
import dev.confidant.server.internal.auth.TokenHashes;
import dev.confidant.server.internal.config.YamlConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The server's configuration: listen address, model registry, spaces with members and roles, hashed bearer tokens,
 * storage directory and limits. Immutable and thread-safe; read it from YAML with {@link #load(Path)} or make the
 * local development configuration with {@link #development(String)}.
 *
 * <p>The YAML format (keys in kebab-case; unknown keys are rejected; engine-server/README.md documents every key):
 * {@snippet lang=yaml :
 * listen: {host: 127.0.0.1, port: 8080}   # port 0 picks a free port
 * storage-dir: /var/lib/confidant         # collections and vault; omitted = in memory
 * default-model: llama-3.2-1b             # omitted = the first active model
 * default-space: research                 # used when a request carries no X-Aimable-Space-Id
 * backends:                               # remote backends (OpenAiOptions, OllamaOptions, RemoteModelOptions)
 *   openai: {base-url: "http://10.0.0.5:8000/v1", api-key-env: VLLM_API_KEY}
 *   ollama: {base-url: "http://localhost:11434"}
 *   timeouts: {connect-millis: 5000, first-token-millis: 60000, total-millis: 600000}
 * models:                                 # the registry: GET /v1/models, X-Model, fallbacks
 *   - id: llama-3.2-1b
 *     backend: jlama                      # jlama | ollama | openai | any registered backend
 *     display-name: Llama 3.2 1B Instruct
 *     provider-slug: meta
 *     context-window: 131072
 *     capabilities: [chat, streaming, tools]
 *     defaults: {temperature: 0.2, max-tokens: 512}
 *     model-dir: /models/Llama-3.2-1B-Instruct   # jlama only; omitted = the embedded tiny model
 *   - id: qwen-72b
 *     backend: openai
 *     backend-model: Qwen/Qwen2.5-72B-Instruct
 *     allowed-spaces: [research]
 *     fallbacks: [llama-3.2-1b]
 * tokens:                                 # bearer tokens, stored as SHA-256 hex of the token
 *   - {principal: alice, sha256: 2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b}
 * spaces:
 *   - id: research
 *     allow-custom-model-endpoint: true   # honour X-Model-Api-Base-Url / X-Model-Api-Key (default false)
 *     members: [{principal: alice, role: admin}]   # viewer | editor | admin
 * limits: {max-body-bytes: 10485760, max-concurrent-requests: 32, max-queued-requests: 64,
 *          queue-timeout-millis: 10000, retry-after-seconds: 1,
 *          rate: {per-client-per-second: 0}}     # off; see Limits.rate
 * vault: {time-to-live-hours: 720, max-entries-per-thread: 10000, max-entries-per-owner: 100000}
 * storage:                                # cluster mode (docs/deploy.md); omitted = storage-dir or memory
 *   postgres: {url: "jdbc:postgresql://db:5432/confidant", user: confidant, password-env: CONFIDANT_POSTGRES_PASSWORD}
 *   opensearch: {url: "http://opensearch:9200", index-prefix: confidant-kb-, shards: 1, replicas: 1}
 * observability: {playground: false, pii-audit-log: /var/log/confidant/pii-audit.jsonl, trace-stages: false}  # all off by default
 * budgets: {principal-requests-per-minute: 60, principal-tokens-per-minute: 100000,   # 0 = no limit (default)
 *           space-requests-per-minute: 0, space-tokens-per-minute: 0, space-tokens-per-period: 5000000,
 *           period-days: 30}
 * }
 *
 * @param listen the address to listen on
 * @param defaultModel the model for requests that name none, or {@code null} for the engine's default
 * @param defaultSpace the space for requests without a space header, or {@code null} for none
 * @param models the model registry ({@code GET /v1/models}); empty means the embedded model alone, under the
 *     {@code defaultModel} id (else {@code confidant-tiny}). Either way unknown model ids are answered 404
 * @param tokens hashed bearer tokens
 * @param spaces spaces with their members
 * @param storageDir where collections and the vault are stored, or {@code null} to keep them in memory
 * @param limits request limits
 * @param backends where the remote model backends are
 * @param vault how long PII mappings live and how large they may grow
 * @param storage the cluster's shared storage; {@link Storage#EMBEDDED} keeps everything in this process
 * @param observability the playground page and the PII audit log
 * @param budgets requests and tokens per minute per principal and per space, and token budgets per space
 */
public record ServerConfig(
    Listen listen,
    @Nullable String defaultModel,
    @Nullable String defaultSpace,
    List<ModelEntry> models,
    List<Token> tokens,
    List<Space> spaces,
    @Nullable Path storageDir,
    Limits limits,
    Backends backends,
    Vault vault,
    Storage storage,
    Observability observability,
    Budgets budgets) {

  /** A configuration without the playground and the PII audit log ({@link Observability#OFF}). */
  public ServerConfig(Listen listen, @Nullable String defaultModel, @Nullable String defaultSpace,
      List<ModelEntry> models, List<Token> tokens, List<Space> spaces, @Nullable Path storageDir, Limits limits,
      Backends backends, Vault vault) {
    this(listen, defaultModel, defaultSpace, models, tokens, spaces, storageDir, limits, backends, vault,
        Storage.EMBEDDED, Observability.OFF, Budgets.OFF);
  }

  /** The principal of the local development configuration. */
  public static final String LOCAL_PRINCIPAL = "local";
  /** The space of the local development configuration. */
  public static final String DEFAULT_SPACE = "default";

  /**
   * @throws EngineConfigException on duplicate model or space ids, a default space or model that is not
   *     configured, a fallback that is no configured model, or a model allowed in a space that is not configured
   */
  public ServerConfig {
    requireNonNull(listen, "listen");
    models = List.copyOf(models);
    tokens = List.copyOf(tokens);
    spaces = List.copyOf(spaces);
    requireNonNull(limits, "limits");
    requireNonNull(backends, "backends");
    requireNonNull(vault, "vault");
    requireNonNull(storage, "storage");
    requireNonNull(observability, "observability");
    requireNonNull(budgets, "budgets");
    requireUnique("model id", models.stream().map(ModelEntry::id).toList());
    requireUnique("space id", spaces.stream().map(Space::id).toList());
    if (defaultSpace != null && spaces.stream().noneMatch(s -> s.id().equals(defaultSpace))) {
      throw new EngineConfigException("default-space '" + defaultSpace + "' is not configured; spaces: "
          + spaces.stream().map(Space::id).toList());
    }
    ModelRegistry.of(models.stream().map(ModelEntry::spec).toList()); // checks the fallbacks
    Set<String> spaceIds = new HashSet<>(spaces.stream().map(Space::id).toList());
    for (ModelEntry m : models) {
      for (String space : m.spec().allowedSpaces()) {
        if (!spaceIds.contains(space)) {
          throw new EngineConfigException("models[" + m.id() + "].allowed-spaces names space '" + space
              + "', which is not configured; spaces: " + spaces.stream().map(Space::id).toList());
        }
      }
    }
    if (defaultModel != null && !models.isEmpty() && models.stream().noneMatch(m -> m.id().equals(defaultModel))) {
      throw new EngineConfigException("default-model '" + defaultModel + "' is not configured; models: "
          + models.stream().map(ModelEntry::id).toList());
    }
  }

  /**
   * Reads a YAML configuration file.
   *
   * @throws EngineConfigException if the file cannot be read or is invalid; the message names the problem
   */
  public static ServerConfig load(Path file) {
    return YamlConfigReader.read(file);
  }

  /**
   * Parses a YAML configuration.
   *
   * @throws EngineConfigException if the text is invalid; the message names the problem
   */
  public static ServerConfig parse(String yaml) {
    return YamlConfigReader.parse(yaml, "<string>");
  }

  /**
   * The local development configuration: 127.0.0.1:8080, the embedded tiny model, one space
   * {@value #DEFAULT_SPACE} whose admin is principal {@value #LOCAL_PRINCIPAL}, authenticated by {@code token}.
   */
  public static ServerConfig development(String token) {
    return development(token, null);
  }

  /**
   * The local development configuration with the model in {@code modelDir} instead of the embedded one: a
   * registry of one {@code jlama} model, listed under the directory's name with the context window its
   * {@code config.json} allows.
   *
   * @param modelDir a model directory in Hugging Face layout, or {@code null} for the embedded tiny model
   */
  public static ServerConfig development(String token, @Nullable Path modelDir) {
    requireNonNull(token, "token");
    List<ModelEntry> models = List.of();
    if (modelDir != null) {
      String id = modelDir.getFileName() != null ? modelDir.getFileName().toString() : modelDir.toString();
      ModelSpec spec = ModelSpec.builder(id, "jlama")
          .contextWindow(JlamaModels.contextWindow(modelDir).stream().boxed().findFirst().orElse(null))
          .modelDir(modelDir)
          .build();
      models = List.of(new ModelEntry(spec));
    }
    return new ServerConfig(Listen.DEFAULT, null, DEFAULT_SPACE, models,
        List.of(new Token(LOCAL_PRINCIPAL, sha256(token))),
        List.of(new Space(DEFAULT_SPACE, "Default", List.of(new Member(LOCAL_PRINCIPAL, SpaceRole.ADMIN)))),
        null, Limits.DEFAULT, Backends.NONE, Vault.DEFAULT, Storage.EMBEDDED,
        Observability.DEVELOPMENT, Budgets.OFF);
  }

  /** The SHA-256 of a token as lower-case hex: what {@code tokens[].sha256} holds. */
  public static String sha256(String token) {
    return TokenHashes.sha256Hex(token);
  }

  /** A copy listening on another address. */
  public ServerConfig withListen(String host, int port) {
    return copy(c -> c.listen = new Listen(host, port));
  }

  /** A copy listening on another port of the same host (0 picks a free port). */
  public ServerConfig withPort(int port) {
    return withListen(listen.host(), port);
  }

  /** A copy with other limits. */
  public ServerConfig withLimits(Limits limits) {
    return copy(c -> c.limits = limits);
  }

  /** A copy with another model registry and default model. */
  public ServerConfig withModels(List<ModelEntry> models, @Nullable String defaultModel) {
    return copy(c -> {
      c.models = models;
      c.defaultModel = defaultModel;
    });
  }

  /** A copy with other spaces and default space. */
  public ServerConfig withSpaces(List<Space> spaces, @Nullable String defaultSpace) {
    return copy(c -> {
      c.spaces = spaces;
      c.defaultSpace = defaultSpace;
    });
  }

  /** A copy with other tokens. */
  public ServerConfig withTokens(List<Token> tokens) {
    return copy(c -> c.tokens = tokens);
  }

  /** A copy storing collections and the vault under this directory ({@code null}: in memory). */
  public ServerConfig withStorageDir(@Nullable Path storageDir) {
    return copy(c -> c.storageDir = storageDir);
  }

  /** A copy with other cluster storage. */
  public ServerConfig withStorage(Storage storage) {
    return copy(c -> c.storage = storage);
  }

  /** A copy with other PII vault settings. */
  public ServerConfig withVault(Vault vault) {
    return copy(c -> c.vault = vault);
  }

  /** A copy with another playground switch and PII audit log. */
  public ServerConfig withObservability(Observability observability) {
    return copy(c -> c.observability = observability);
  }

  /** A copy with other request and token limits per principal and space. */
  public ServerConfig withBudgets(Budgets budgets) {
    return copy(c -> c.budgets = budgets);
  }

  /** A copy with other remote backends. */
  public ServerConfig withBackends(Backends backends) {
    return copy(c -> c.backends = backends);
  }

  private ServerConfig copy(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** A mutable copy, so that each {@code with*} names only what it changes. Lives in one call. */
  private static final class Copy {
    Listen listen;
    @Nullable String defaultModel;
    @Nullable String defaultSpace;
    List<ModelEntry> models;
    List<Token> tokens;
    List<Space> spaces;
    @Nullable Path storageDir;
    Limits limits;
    Backends backends;
    Vault vault;
    Storage storage;
    Observability observability;
    Budgets budgets;

    Copy(ServerConfig c) {
      listen = c.listen;
      defaultModel = c.defaultModel;
      defaultSpace = c.defaultSpace;
      models = c.models;
      tokens = c.tokens;
      spaces = c.spaces;
      storageDir = c.storageDir;
      limits = c.limits;
      backends = c.backends;
      vault = c.vault;
      storage = c.storage;
      observability = c.observability;
      budgets = c.budgets;
    }

    ServerConfig build() {
      return new ServerConfig(listen, defaultModel, defaultSpace, models, tokens, spaces, storageDir, limits,
          backends, vault, storage, observability, budgets);
    }
  }

  /**
   * The spaces, members and custom-endpoint switches as the engine's access rules: what the server asks for every
   * operation and what the server-built engine enforces before any stage runs. A principal listed twice in a space
   * gets the higher role.
   */
  public AccessPolicy accessPolicy() {
    List<AccessPolicy.Space> out = new ArrayList<>();
    for (Space space : spaces) {
      Map<String, SpaceRole> members = new LinkedHashMap<>();
      space.members().forEach(m -> members.merge(m.principal(), m.role(),
          (a, b) -> a.includes(b) ? a : b));
      out.add(new AccessPolicy.Space(space.id(), members, space.allowCustomModelEndpoint()));
    }
    return AccessPolicy.of(out);
  }

  private static void requireUnique(String what, List<String> values) {
    Set<String> seen = new HashSet<>();
    for (String v : values) {
      if (!seen.add(v)) {
        throw new EngineConfigException("duplicate " + what + " '" + v + "'; each must be unique");
      }
    }
  }

  /**
   * Where the server listens.
   *
   * @param host a host name or IP address ({@code 0.0.0.0} for every interface)
   * @param port the TCP port, 0 for a free one
   */
  public record Listen(String host, int port) {
    /** 127.0.0.1:8080. */
    public static final Listen DEFAULT = new Listen("127.0.0.1", 8080);

    public Listen {
      requireNonNull(host, "host");
      if (port < 0 || port > 65535) {
        throw new EngineConfigException("listen.port must be 0..65535, was " + port);
      }
    }
  }

  /**
   * One model of the registry, as the server offers it: the engine's {@link ModelSpec}, read from the
   * configuration's {@code models:} block by engine-core's registry reader. A {@code model-dir} is only for
   * {@code jlama} models (the jlama backend serves one directory per server).
   *
   * @param spec the public id, backend, backend model, descriptive fields, owner, defaults, capabilities, allowed
   *     spaces, fallbacks, model directory and whether the model is active
   */
  public record ModelEntry(ModelSpec spec) {
    public ModelEntry {
      requireNonNull(spec, "spec");
      if (spec.modelDir() != null && !spec.backend().equals("jlama")) {
        throw new EngineConfigException("models[" + spec.id() + "].model-dir is only for the jlama backend; "
            + "backend '" + spec.backend() + "' names its model with backend-model");
      }
    }

    /** An active model of {@code backend} under its own id, owned by {@code confidant}. */
    public static ModelEntry of(String id, String backend) {
      return new ModelEntry(ModelSpec.of(id, backend));
    }

    /** The public model id. */
    public String id() {
      return spec.id();
    }

    /** Who owns the model ({@code owned_by} of {@code GET /v1/models}). */
    public String ownedBy() {
      return spec.ownedBy();
    }

    /** The jlama model directory, or {@code null} for the embedded model. */
    public @Nullable Path modelDir() {
      return spec.modelDir();
    }

    /** A copy that is offered or not. */
    public ModelEntry withActive(boolean active) {
      return new ModelEntry(spec.toBuilder().active(active).build());
    }
  }


  /**
   * Where the remote model backends are: engine-openai's {@code OpenAiOptions}, engine-langchain4j's
   * {@code OllamaOptions} and engine-core's {@link dev.confidant.core.RemoteModelOptions}. A {@code null}
   * component keeps the engine's default. {@link #toString()} never shows the key.
   *
   * @param openaiBaseUrl the OpenAI-compatible server, up to and including {@code /v1}
   * @param openaiApiKey the bearer key sent to it (prefer {@code openaiApiKeyEnv}: keys in files leak)
   * @param openaiApiKeyEnv the environment variable holding the key, read when the server starts
   * @param ollamaBaseUrl the Ollama server
   * @param timeouts connect, first-token and total timeouts of both remote backends
   */
  public record Backends(@Nullable String openaiBaseUrl, @Nullable String openaiApiKey,
      @Nullable String openaiApiKeyEnv, @Nullable String ollamaBaseUrl, @Nullable ModelTimeouts timeouts) {
    /** The engine's defaults everywhere. */
    public static final Backends NONE = new Backends(null, null, null, null, null);

    public Backends {
      if (openaiApiKey != null && openaiApiKeyEnv != null) {
        throw new EngineConfigException("backends.openai: set api-key or api-key-env, not both");
      }
      for (String url : java.util.Arrays.asList(openaiBaseUrl, ollamaBaseUrl)) {
        if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
          throw new EngineConfigException("backends: base-url must start with http:// or https://, was " + url);
        }
      }
    }

    @Override
    public String toString() {
      return "Backends[openaiBaseUrl=" + openaiBaseUrl + ", openaiApiKey=" + (openaiApiKey == null ? "none" : "***")
          + ", openaiApiKeyEnv=" + openaiApiKeyEnv + ", ollamaBaseUrl=" + ollamaBaseUrl + ", timeouts=" + timeouts
          + "]";
    }
  }

  /**
   * A bearer token, stored as its SHA-256.
   *
   * @param principal who the token authenticates
   * @param sha256 the token's SHA-256, 64 hex digits
   */
  public record Token(String principal, String sha256) {
    public Token {
      requireNonNull(principal, "principal");
      requireNonNull(sha256, "sha256");
      sha256 = sha256.toLowerCase(java.util.Locale.ROOT);
      if (!sha256.matches("[0-9a-f]{64}")) {
        // Never echo the value: it might be a plain token pasted by mistake.
        throw new EngineConfigException("tokens[" + principal + "].sha256 must be 64 hex digits (the SHA-256 of the "
            + "token, e.g. from `printf %s TOKEN | sha256sum`)");
      }
    }
  }

  /**
   * A space and its members.
   *
   * @param id the space id ({@code X-Aimable-Space-Id})
   * @param name a display name (default: the id)
   * @param members who may use the space, with which role
   * @param allowCustomModelEndpoint whether chat requests in the space may name their own OpenAI-compatible
   *     endpoint with {@code X-Model-Api-Base-Url} / {@code X-Model-Api-Key} (the server then calls any URL a
   *     member sends, so enable it only for trusted spaces)
   */
  public record Space(String id, String name, List<Member> members, boolean allowCustomModelEndpoint) {
    public Space {
      requireNonNull(id, "id");
      name = requireNonNullElse(name, id);
      members = List.copyOf(members);
    }

    /** A space that does not honour custom model endpoints. */
    public Space(String id, String name, List<Member> members) {
      this(id, name, members, false);
    }

    /** A copy that honours custom model endpoints or not. */
    public Space withCustomModelEndpoint(boolean allow) {
      return new Space(id, name, members, allow);
    }
  }

  /**
   * A member of a space.
   *
   * @param principal the principal's name
   * @param role the member's role
   */
  public record Member(String principal, SpaceRole role) {
    public Member {
      requireNonNull(principal, "principal");
      requireNonNull(role, "role");
    }
  }

  /**
   * The storage a cluster of nodes shares ({@code storage:} in YAML): with {@code postgres} the PII vault lives in
   * PostgreSQL (encrypted with {@code CONFIDANT_VAULT_KEY}, which every node must be given), with {@code opensearch}
   * the knowledge collections live in OpenSearch. Either may be set alone; with both, a node keeps no state another
   * node needs (docs/deploy.md).
   *
   * @param postgres the PostgreSQL of the vault, or {@code null} for the local vault
   * @param opensearch the OpenSearch of the collections, or {@code null} for the local index
   */
  public record Storage(@Nullable Postgres postgres, @Nullable OpenSearch opensearch) {
    /** Everything in this process: the vault and the index under {@code storage-dir}, or in memory. */
    public static final Storage EMBEDDED = new Storage(null, null);

    /** Whether any state lives outside this process. */
    public boolean clustered() {
      return postgres != null || opensearch != null;
    }
  }

  /**
   * A PostgreSQL database ({@code storage.postgres}).
   *
   * @param url the JDBC URL, {@code jdbc:postgresql://host:port/database}
   * @param user the role, or {@code null} to take it from the URL
   * @param passwordEnv the environment variable holding the role's password, or {@code null}
   * @param schema the schema of Confidant's tables (default {@code public})
   * @param maxPoolSize connections per node (default 8)
   * @param ingestLease how long a node holds a batch of ingestion work without renewing it ({@code
   *     ingest-lease-seconds}, default 30 s, at least 2 s): with {@code storage.opensearch} as well, ingestion jobs
   *     wait in PostgreSQL and a batch whose node died is taken by another node this long after its last renewal
   */
  public record Postgres(String url, @Nullable String user, @Nullable String passwordEnv, String schema,
      int maxPoolSize, Duration ingestLease) {
    public Postgres {
      requireNonNull(url, "storage.postgres.url");
      requireNonNull(schema, "storage.postgres.schema");
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new EngineConfigException("storage.postgres.url must start with jdbc:postgresql://, was "
            + (url.contains("?") ? url.substring(0, url.indexOf('?')) + "?..." : url));
      }
      if (maxPoolSize < 1 || maxPoolSize > 1000) {
        throw new EngineConfigException("storage.postgres.max-pool-size must be in [1, 1000], was " + maxPoolSize);
      }
      requireNonNull(ingestLease, "storage.postgres.ingest-lease-seconds");
      if (ingestLease.toSeconds() < 2 || ingestLease.toSeconds() > 3600) {
        throw new EngineConfigException("storage.postgres.ingest-lease-seconds must be in [2, 3600], was "
            + ingestLease.toSeconds());
      }
    }
  }

  /**
   * An OpenSearch cluster ({@code storage.opensearch}).
   *
   * @param url the base URL of a node, {@code http(s)://host:port}
   * @param user the basic-authentication user, or {@code null}
   * @param passwordEnv the environment variable holding the user's password, or {@code null}
   * @param indexPrefix the prefix of the knowledge indexes (default {@code confidant-kb-})
   * @param shards primary shards per space index (default 1)
   * @param replicas replicas per shard (default 0; 1 or more in production)
   */
  public record OpenSearch(String url, @Nullable String user, @Nullable String passwordEnv, String indexPrefix,
      int shards, int replicas) {
    public OpenSearch {
      requireNonNull(url, "storage.opensearch.url");
      requireNonNull(indexPrefix, "storage.opensearch.index-prefix");
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        throw new EngineConfigException("storage.opensearch.url must start with http:// or https://, was " + url);
      }
    }
  }

  /**
   * Limits per principal and per space on chat completions (YAML {@code budgets}; 0 = no limit, the default): a
   * request beyond one is answered 429 with {@code Retry-After} (the seconds until the window ends) before anything
   * runs. Requests count when they are accepted, tokens (prompt + completion, every round of a tool loop) when the
   * answer is done, so a request is refused once the window's tokens reached the limit, and the last request of a
   * window may overshoot it by its own tokens. Minutes are the clock's ({@code epochSecond / 60}); periods start at
   * the Unix epoch ({@code epochSecond / period}). With {@code storage-dir} the counts are kept in
   * {@code <storage-dir>/budgets/usage-counters.log} and survive a restart; with {@code storage.postgres} they are
   * counted in PostgreSQL, so that every limit holds for all nodes of a cluster together.
   *
   * @param principalRequestsPerMinute chat requests one principal may send per minute
   * @param principalTokensPerMinute tokens one principal may use per minute
   * @param spaceRequestsPerMinute chat requests all members of one space may send per minute
   * @param spaceTokensPerMinute tokens one space may use per minute
   * @param spaceTokensPerPeriod tokens one space may use per period
   * @param period the budget period (default 30 days)
   */
  public record Budgets(long principalRequestsPerMinute, long principalTokensPerMinute, long spaceRequestsPerMinute,
      long spaceTokensPerMinute, long spaceTokensPerPeriod, Duration period) {
    /** No limits. */
    public static final Budgets OFF = new Budgets(0, 0, 0, 0, 0, Duration.ofDays(30));

    public Budgets {
      requireNonNull(period, "period");
      if (principalRequestsPerMinute < 0 || principalTokensPerMinute < 0 || spaceRequestsPerMinute < 0
          || spaceTokensPerMinute < 0 || spaceTokensPerPeriod < 0) {
        throw new EngineConfigException("budgets: limits must be 0 (none) or more");
      }
      if (period.toSeconds() < 60) {
        throw new EngineConfigException("budgets.period-days must be at least 1 day, got " + period);
      }
    }

    /** Whether any limit is set. */
    public boolean any() {
      return principalRequestsPerMinute + principalTokensPerMinute + spaceRequestsPerMinute + spaceTokensPerMinute
          + spaceTokensPerPeriod > 0;
    }
  }

  /**
   * What the server shows of its own work (YAML {@code observability}).
   *
   * @param playground serve the playground page at {@code /playground} (default false; on in development mode)
   * @param piiAuditLog append one JSON line per chat request with pseudonymization on to this file (types,
   *     detectors, decisions and placeholders; never a value), or {@code null} for none (the default)
   * @param traceStages with {@code ConfidantServer.Builder#openTelemetry}, a span per stage as well as the request
   *     and model-call spans (default false: each stage span costs on every request)
   */
  public record Observability(boolean playground, @Nullable Path piiAuditLog, boolean traceStages) {
    /** No playground, no audit log: the default of a configuration file. */
    public static final Observability OFF = new Observability(false, null);
    /** The playground on, no audit log: local development mode. */
    public static final Observability DEVELOPMENT = new Observability(true, null);

    /** Without stage spans. */
    public Observability(boolean playground, @Nullable Path piiAuditLog) {
      this(playground, piiAuditLog, false);
    }
  }

  /**
   * How long the PII vault keeps a thread's mapping and how large it may grow ({@code vault:} in YAML). The vault is
   * kept under {@code <storage-dir>/vault}, encrypted with the key from {@code CONFIDANT_VAULT_KEY} (see the
   * README), or in memory without a storage directory.
   *
   * @param timeToLive how long a mapping lives after its last write (default 30 days)
   * @param maxEntriesPerThread the most entries one thread may hold (default 10,000); a request that would add more
   *     is answered 422
   * @param maxEntriesPerOwner the most entries one caller's threads in one space may hold together (default
   *     100,000)
   */
  public record Vault(Duration timeToLive, int maxEntriesPerThread, int maxEntriesPerOwner) {
    /** The engine's {@link VaultPolicy#defaults()}: 30 days, 10,000 per thread, 100,000 per caller and space. */
    public static final Vault DEFAULT = new Vault(VaultPolicy.DEFAULT_TIME_TO_LIVE,
        VaultPolicy.DEFAULT_MAX_ENTRIES_PER_THREAD, VaultPolicy.DEFAULT_MAX_ENTRIES_PER_OWNER);

    /** @throws EngineConfigException if the time to live is not positive or a limit is below 1 */
    public Vault {
      requireNonNull(timeToLive, "timeToLive");
      if (timeToLive.isNegative() || timeToLive.isZero()) {
        throw new EngineConfigException("vault.time-to-live-hours must be positive, was " + timeToLive.toHours());
      }
      if (maxEntriesPerThread < 1 || maxEntriesPerOwner < 1) {
        throw new EngineConfigException("vault.max-entries-per-thread and vault.max-entries-per-owner must be >= 1, "
            + "were " + maxEntriesPerThread + " and " + maxEntriesPerOwner);
      }
    }

    /** These settings as the engine's vault policy. */
    public VaultPolicy policy() {
      return VaultPolicy.defaults().withTimeToLive(timeToLive).withMaxEntriesPerThread(maxEntriesPerThread)
          .withMaxEntriesPerOwner(maxEntriesPerOwner);
    }
  }

  /**
   * Request limits.
   *
   * @param maxBodyBytes the largest accepted request body; larger ones are answered 413
   * @param maxConcurrentRequests completions running at once
   * @param maxQueuedRequests completions waiting for a slot; more are answered 429
   * @param queueTimeoutMillis the longest wait for a slot before 429
   * @param retryAfterSeconds the {@code Retry-After} of a 429
   * @param connections what clients may hold open
   * @param rate requests per second per client address
   * @param ingestion what uploads may cost the knowledge base the server opens itself (caps per document, queue
   *     bounds per space, parse time limit, workers)
   */
  public record Limits(long maxBodyBytes, int maxConcurrentRequests, int maxQueuedRequests, long queueTimeoutMillis,
      int retryAfterSeconds, Connections connections, Rate rate, IngestLimits ingestion) {
    /**
     * 10 MiB bodies, 32 running, 64 queued for at most 10 s, Retry-After 1 s, default connection bounds, no rate
     * limit per client, {@link IngestLimits#defaults()}.
     */
    public static final Limits DEFAULT = new Limits(10L * 1024 * 1024, 32, 64, 10_000, 1);

    public Limits {
      requireNonNull(connections, "connections");
      requireNonNull(rate, "rate");
      requireNonNull(ingestion, "ingestion");
      if (maxBodyBytes < 1 || maxConcurrentRequests < 1 || maxQueuedRequests < 0 || queueTimeoutMillis < 0
          || retryAfterSeconds < 0) {
        throw new EngineConfigException("limits: max-body-bytes and max-concurrent-requests must be >= 1, the "
            + "others >= 0; were " + maxBodyBytes + ", " + maxConcurrentRequests + ", " + maxQueuedRequests + ", "
            + queueTimeoutMillis + ", " + retryAfterSeconds);
      }
      if (connections.bodyBytesInFlight() < maxBodyBytes) {
        throw new EngineConfigException("limits.connections.body-bytes-in-flight (" + connections.bodyBytesInFlight()
            + ") must be at least limits.max-body-bytes (" + maxBodyBytes + "), or bodies between the two would "
            + "always be refused");
      }
    }

    /** Limits with the default connection bounds, no rate limit and the default ingestion limits. */
    public Limits(long maxBodyBytes, int maxConcurrentRequests, int maxQueuedRequests, long queueTimeoutMillis,
        int retryAfterSeconds) {
      this(maxBodyBytes, maxConcurrentRequests, maxQueuedRequests, queueTimeoutMillis, retryAfterSeconds,
          Connections.DEFAULT, Rate.OFF, IngestLimits.defaults());
    }

    /** A copy with other connection bounds. */
    public Limits withConnections(Connections connections) {
      return with(connections, rate, ingestion);
    }

    /** A copy with another rate limit per client. */
    public Limits withRate(Rate rate) {
      return with(connections, rate, ingestion);
    }

    /** A copy with other ingestion limits. */
    public Limits withIngestion(IngestLimits ingestion) {
      return with(connections, rate, ingestion);
    }

    private Limits with(Connections connections, Rate rate, IngestLimits ingestion) {
      return new Limits(maxBodyBytes, maxConcurrentRequests, maxQueuedRequests, queueTimeoutMillis,
          retryAfterSeconds, connections, rate, ingestion);
    }
  }

  /**
   * Requests per second per client address, as a token bucket: {@code burst} requests at once, then
   * {@code perSecond}; beyond that a client is answered 429 with {@code Retry-After}. {@code /health} is exempt.
   * IPv6 clients count per /64 network.
   *
   * <p>Off by default ({@code perSecond} 0): behind a reverse proxy or gateway every request comes from the proxy's
   * address, where a per-address limit would throttle all users together (and the gateway benchmark drives 64
   * connections from one address at thousands of requests a second); per-principal and per-space limits belong to
   * the authenticated layer. Turn it on where clients reach the server directly.
   *
   * @param perSecond sustained requests per second per client; 0 turns the limit off
   * @param burst requests a client may send at once; 0 means two seconds' worth ({@code 2 * perSecond}, at least 1)
   * @param maxClients client addresses tracked at once (default 10,000); when all are busy, further addresses share
   *     one bucket, so that a flood from many addresses is bounded too
   */
  public record Rate(double perSecond, int burst, int maxClients) {
    /** No limit. */
    public static final Rate OFF = new Rate(0, 0, 10_000);

    /** @throws EngineConfigException if a value is negative or {@code maxClients} is below 1 */
    public Rate {
      if (!(perSecond >= 0) || Double.isInfinite(perSecond) || burst < 0 || maxClients < 1) {
        throw new EngineConfigException("limits.rate: per-client-per-second and burst must be >= 0 and max-clients "
            + ">= 1; were " + perSecond + ", " + burst + ", " + maxClients);
      }
    }

    /** {@code perSecond} requests a second per client with the default burst and table size. */
    public static Rate perClient(double perSecond) {
      return new Rate(perSecond, 0, OFF.maxClients());
    }

    /** Whether requests are limited. */
    public boolean enabled() {
      return perSecond > 0;
    }

    /** The bucket size: {@code burst}, or without one two seconds' worth (at least 1). */
    public double effectiveBurst() {
      return burst > 0 ? burst : Math.max(1, 2 * perSecond);
    }
  }

  /**
   * What clients may hold open. A connection flood then waits in the kernel's accept backlog instead of exhausting
   * the process's file descriptors; connections that send nothing, or trickle a request head or body, are closed.
   *
   * @param maxConnections accepted connections at once; {@code 0} derives it from the descriptor limit (half of what
   *     is left after a reserve of a quarter of the limit, at most 256 descriptors; at most 10,000)
   * @param maxConnectionsPerClient accepted connections per client IP address; more are closed at once
   * @param headerTimeout time from accept until the first request head is complete
   * @param idleTimeout longest wait for the next request on a kept-alive connection, and for any single read
   * @param bodyTimeout time from when a handler starts reading a request body until all of it has arrived (a body
   *     trickled byte by byte held its connection for ever); the connection is closed when it passes
   * @param bodyBytesInFlight request body bytes held in memory by all requests being served, together (a declared
   *     {@code Content-Length} counts from the start); a request whose body would pass it is answered 503 with
   *     {@code Retry-After}
   */
  public record Connections(int maxConnections, int maxConnectionsPerClient, Duration headerTimeout,
      Duration idleTimeout, Duration bodyTimeout, long bodyBytesInFlight) {
    /** The default time a request body may take to arrive: 120 s. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(120);
    /** The default bound on request body bytes held in memory by all requests together: 256 MiB. */
    public static final long DEFAULT_BODY_BYTES_IN_FLIGHT = 256L << 20;

    /**
     * Bound derived from the descriptor limit, 512 per client, 10 s for a request head, 60 s idle, 120 s for a
     * request body, 256 MiB of bodies in flight.
     */
    public static final Connections DEFAULT = new Connections(0, 512, Duration.ofSeconds(10), Duration.ofSeconds(60),
        DEFAULT_BODY_TIMEOUT, DEFAULT_BODY_BYTES_IN_FLIGHT);

    public Connections {
      requireNonNull(headerTimeout, "headerTimeout");
      requireNonNull(idleTimeout, "idleTimeout");
      requireNonNull(bodyTimeout, "bodyTimeout");
      if (maxConnections < 0 || maxConnectionsPerClient < 1 || headerTimeout.toMillis() < 1
          || idleTimeout.toMillis() < 1 || bodyTimeout.toMillis() < 1 || bodyBytesInFlight < 1) {
        throw new EngineConfigException("limits.connections: max >= 0 (0 = from the descriptor limit), per-client "
            + ">= 1, timeouts >= 1 ms and body-bytes-in-flight >= 1; were " + maxConnections + ", "
            + maxConnectionsPerClient + ", " + headerTimeout.toMillis() + " ms, " + idleTimeout.toMillis() + " ms, "
            + bodyTimeout.toMillis() + " ms, " + bodyBytesInFlight);
      }
    }

    /** Bounds with the default body timeout and body bytes in flight. */
    public Connections(int maxConnections, int maxConnectionsPerClient, Duration headerTimeout, Duration idleTimeout) {
      this(maxConnections, maxConnectionsPerClient, headerTimeout, idleTimeout, DEFAULT_BODY_TIMEOUT,
          DEFAULT_BODY_BYTES_IN_FLIGHT);
    }
  }

}
