package dev.confidant.server;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.EngineConfigException;
import dev.confidant.api.spi.EngineListener;
import dev.confidant.core.ChatEngines;
import dev.confidant.otel.OpenTelemetryTracing;
import dev.confidant.core.ModelSpec;
import dev.confidant.core.RemoteModelOptions;
import dev.confidant.jlama.JlamaOptions;
import dev.confidant.jlama.TinyModels;
import dev.confidant.langchain4j.OllamaOptions;
import dev.confidant.openai.OpenAiOptions;
import dev.confidant.pii.PiiDetector;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.spi.MappingVaults;
import dev.confidant.pii.spi.VaultPolicy;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.RagOptions;
import dev.confidant.server.internal.auth.ConfigTokenAuthenticator;
import dev.confidant.server.ServerConfig.Observability;
import dev.confidant.server.internal.http.ConnectionGuard;
import dev.confidant.server.internal.http.Lazy;
import dev.confidant.server.internal.http.ListenerWatchdog;
import dev.confidant.server.internal.http.Routes;
import dev.confidant.server.internal.pii.PiiAuditTrail;
import dev.confidant.server.internal.http.Utf8Headers;
import dev.confidant.server.internal.store.ClusterStorage;
import dev.confidant.server.internal.store.OwnedKnowledgeBase;
import dev.confidant.server.internal.store.VaultKeys;
import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A running Confidant REST server (Helidon SE WebServer on virtual threads) serving the platform's API over a
 * {@link ChatCompletionEngine}. Thread-safe; {@link #close()} stops it and releases the engine if the server built
 * it.
 *
 * <p>{@snippet class=dev.confidant.server.ServerSnippets region=serve}
 */
public final class ConfidantServer implements AutoCloseable {
  /** The environment variable holding the development token. */
  public static final String TOKEN_ENV = "CONFIDANT_TOKEN";

  /** How often the watchdog checks that the server still listens. */
  private static final Duration WATCHDOG_PERIOD = Duration.ofSeconds(2);

  private final WebServer webServer;
  private final @Nullable ChatCompletionEngine ownedEngine;
  private final OwnedKnowledgeBase ownedKnowledge;
  private final ClusterStorage cluster;
  private final PiiAuditTrail audits;
  private final @Nullable UsageCounters ownCounters;
  private final MeterRegistry meterRegistry;
  private final ConnectionGuard connections;
  private final ListenerWatchdog watchdog;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile @Nullable String failure;

  private ConfidantServer(WebServer webServer, @Nullable ChatCompletionEngine ownedEngine,
      OwnedKnowledgeBase ownedKnowledge, ClusterStorage cluster,
      PiiAuditTrail audits, @Nullable UsageCounters ownCounters, MeterRegistry registry, ConnectionGuard connections,
      String host) {
    this.webServer = webServer;
    this.audits = audits;
    this.ownCounters = ownCounters;
    this.ownedEngine = ownedEngine;
    this.ownedKnowledge = ownedKnowledge;
    this.cluster = cluster;
    this.meterRegistry = registry;
    this.connections = connections;
    this.watchdog = new ListenerWatchdog(host, webServer.port(), WATCHDOG_PERIOD, () -> {
      failure = "the server stopped listening on port " + webServer.port();
      close();
    });
  }

  /**
   * Starts a server with an engine built from the configuration's model registry (discovering backends and
   * stages with {@link java.util.ServiceLoader}) and the configuration's token authenticator.
   *
   * @throws EngineConfigException if the engine cannot be built or the address cannot be bound
   */
  public static ConfidantServer start(ServerConfig config) {
    return builder(config).start();
  }

  /** A builder for a server with this configuration. */
  public static Builder builder(ServerConfig config) {
    return new Builder(config);
  }

  /**
   * The bearer token of local development mode: {@code env}'s {@value #TOKEN_ENV} when set, else a fresh random
   * token, which is passed to {@code announce} (once, here) so the caller can print it.
   */
  public static String developmentToken(Map<String, String> env, Consumer<String> announce) {
    String fromEnv = env.get(TOKEN_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String token = "cfd_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    announce.accept(token);
    return token;
  }

  /** The port the server listens on (the bound one when the configuration said 0). */
  public int port() {
    return webServer.port();
  }

  /** The server's base URI on the loopback interface, e.g. {@code http://127.0.0.1:8080}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The registry the server's meters are in. */
  public MeterRegistry meterRegistry() {
    return meterRegistry;
  }

  /**
   * Blocks until {@link #close()} is called (from another thread or a shutdown hook), or until the server closed
   * itself because its listening socket died; {@link #failure()} then says so.
   */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  /**
   * Why the server stopped by itself, if it did: its listening socket died while the process lived on (a process
   * serving nothing must exit, so that a supervisor restarts it).
   */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** Stops accepting requests, stops the server and closes the engine if the server built it. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        watchdog.close();
        connections.close();
        webServer.stop();
      } finally {
        try {
          if (ownedEngine != null) {
            ownedEngine.close();
          }
        } finally {
          try {
            ownedKnowledge.close();
          } finally {
            try {
              cluster.close();
            } finally {
              try {
                audits.close();
              } finally {
                if (ownCounters != null) {
                  ownCounters.close();
                }
              }
            }
            stopped.countDown();
          }
        }
      }
    }
  }

  /** Configures a {@link ConfidantServer}. Not thread-safe. */
  public static final class Builder {
    private final ServerConfig config;
    private @Nullable ChatCompletionEngine engine;
    private @Nullable Authenticator authenticator;
    private @Nullable MeterRegistry meterRegistry;
    private @Nullable OpenTelemetry openTelemetry;
    private @Nullable UsageCounters usageCounters;
    private Clock clock = Clock.systemUTC();
    private @Nullable KnowledgeBase knowledgeBase;
    private @Nullable PiiOptions piiOptions;
    private Map<String, String> environment = System.getenv();

    private Builder(ServerConfig config) {
      this.config = requireNonNull(config, "config");
    }

    /** Serves this engine instead of building one from the configuration; the caller keeps ownership. */
    public Builder engine(ChatCompletionEngine engine) {
      this.engine = requireNonNull(engine, "engine");
      return this;
    }

    /** Authenticates with this instead of the configuration's hashed tokens (e.g. JWT or OIDC). */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = requireNonNull(authenticator, "authenticator");
      return this;
    }

    /**
     * Serves collections and files from this knowledge base (the caller keeps ownership). Pass the one the
     * {@link #engine(ChatCompletionEngine) engine}'s retrieval stage uses, so that uploads are retrievable. Default:
     * one the server opens on first use under {@code storage-dir}.
     */
    public Builder knowledgeBase(KnowledgeBase knowledgeBase) {
      this.knowledgeBase = requireNonNull(knowledgeBase, "knowledgeBase");
      return this;
    }

    /**
     * The PII options of the {@link #engine(ChatCompletionEngine) engine} the caller passes, so that
     * {@code /v1/pii/detect} and the vault's delete endpoints use the vault its chat pipeline uses. Default: built
     * from the configuration ({@code storage-dir}, {@code vault}, {@code CONFIDANT_VAULT_KEY}), which an engine the
     * server builds itself uses too.
     */
    public Builder piiOptions(PiiOptions piiOptions) {
      this.piiOptions = requireNonNull(piiOptions, "piiOptions");
      return this;
    }

    /**
     * The environment that {@code backends.openai.api-key-env}, {@code CONFIDANT_VAULT_KEY} and
     * {@code CONFIDANT_VAULT_RETIRED_KEYS} are read from (default: the process environment).
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(requireNonNull(environment, "environment"));
      return this;
    }

    /** Records metrics in this registry too (they are always in the Prometheus registry that {@code /metrics} shows). */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = requireNonNull(meterRegistry, "meterRegistry");
      return this;
    }

    /**
     * Keeps the counts of the configuration's {@code budgets} here (the caller keeps ownership), e.g. shared by
     * several servers. Default: in memory, and in {@code <storage-dir>/budgets} when a storage directory is set.
     */
    public Builder usageCounters(UsageCounters usageCounters) {
      this.usageCounters = requireNonNull(usageCounters, "usageCounters");
      return this;
    }

    /** The clock of the budgets' minutes and periods (tests move it). */
    Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Traces every chat request of a server-built engine with this OpenTelemetry instance
     * ({@link OpenTelemetryTracing}): a span per request and model call (and per stage with
     * {@code observability.trace-stages}), joining the caller's trace from
     * {@code traceparent} (or {@code X-Trace-Id} + {@code X-Parent-Span-Id}). Default: no tracing. An engine passed
     * to {@link #engine} is traced only if its own builder added the listener.
     */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    /**
     * Starts the server.
     *
     * @throws EngineConfigException if the engine cannot be built or the address cannot be bound
     */
    public ConfidantServer start() {
      ClusterStorage cluster = ClusterStorage.open(config.storage(), environment);
      PiiOptions pii;
      try {
        pii = piiOptions != null ? piiOptions : piiOptions(config, cluster, environment);
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
      OwnedKnowledgeBase ownedKnowledge = new OwnedKnowledgeBase(config.storageDir(), config.limits().ingestion(),
          cluster.openSearch(), cluster.ingestQueue(config.limits().ingestion()));
      PiiAuditTrail audits = PiiAuditTrail.open(config.observability().piiAuditLog());
      Path storage = config.storageDir();
      // In a cluster the counters live in PostgreSQL, so that a limit holds for all nodes together.
      UsageCounters clusterCounters = cluster.usageCounters();
      UsageCounters ownCounters = usageCounters != null || !config.budgets().any() ? null
          : clusterCounters != null ? clusterCounters
          : UsageCounters.open(storage == null ? null : storage.resolve("budgets"));
      UsageCounters counters = usageCounters != null ? usageCounters
          : ownCounters != null ? ownCounters : UsageCounters.open(null);
      ChatCompletionEngine owned;
      try {
        List<EngineListener.Factory> listeners = new ArrayList<>();
        listeners.add(audits);
        if (openTelemetry != null) {
          listeners.add(OpenTelemetryTracing.of(openTelemetry)
              .withStageSpans(config.observability().traceStages()));
        }
        // A server-built engine gets the knowledge base now: its retrieval stage needs it at build time.
        owned = engine == null ? buildEngine(config, pii, knowledgeBase != null ? knowledgeBase
            : ownedKnowledge.get(), environment, listeners) : null;
      } catch (RuntimeException e) {
        ownedKnowledge.close();
        cluster.close();
        audits.close();
        throw e;
      }
      KnowledgeBase shared = knowledgeBase;
      Supplier<KnowledgeBase> knowledge = shared != null ? () -> shared : ownedKnowledge;
      ChatCompletionEngine served = engine != null ? engine : owned;
      PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      MeterRegistry registry = prometheus;
      if (meterRegistry != null) {
        CompositeMeterRegistry both = new CompositeMeterRegistry();
        both.add(prometheus);
        both.add(meterRegistry);
        registry = both;
      }
      Authenticator auth = authenticator != null ? authenticator : new ConfigTokenAuthenticator(config.tokens());
      Utf8Headers utf8 = new Utf8Headers();
      ConnectionGuard connections = new ConnectionGuard(config.limits().connections());
      try {
        WebServer web = WebServer.builder()
            .host(config.listen().host())
            .port(config.listen().port())
            // Helidon refuses declared oversized bodies before routing (JSON 413 via the direct handlers); handlers
            // count chunked bodies themselves.
            .maxPayloadSize(config.limits().maxBodyBytes())
            .directHandlers(Routes.directHandlers(config.limits().maxBodyBytes()))
            // HTTP/1 through a selector that keeps raw non-ASCII header lines: Helidon decodes header bytes as
            // US-ASCII, so "Jürgen" in X-Pii-Mapping would arrive as "J\uFFFD\uFFFDrgen". This selector comes
            // before the one Helidon adds itself: set HTTP/1 options (header sizes, ...) on its Http1Config here,
            // not with addProtocol, which would configure the selector that never gets a connection.
            .addConnectionSelector(utf8.selector(Http1ConnectionSelector.builder()
                .config(Http1Config.create())
                .build()))
            .shutdownHook(false)
            .featuresDiscoverServices(false)
            .shutdownGracePeriod(Duration.ofMillis(200))
            // SSE writes many small chunks: with Nagle's algorithm they wait for delayed ACKs (~40 ms per request
            // from 16 concurrent streams, measured by benchmarks' ServerThroughput).
            .connectionOptions(connections.socketOptions(SocketOptions.builder().tcpNoDelay(true).build()))
            // Helidon takes a permit before each accept: a flood waits in the backlog instead of costing descriptors.
            .maxTcpConnections(connections.maxConnections())
            .routing(Routes.routing(new Routes.Wiring(served, config, auth, registry,
                owned != null ? offeredModels(config) : models(config, served),
                System.currentTimeMillis() / 1000, new Lazy<>(() -> PiiDetector.create(pii)), pii.vault(), knowledge,
                utf8,
                connections, prometheus, owned != null ? audits : null, counters, clock)))
            .build()
            .start();
        return new ConfidantServer(web, owned, ownedKnowledge, cluster, audits, ownCounters, registry, connections,
            config.listen().host());
      } catch (RuntimeException e) {
        connections.close();
        if (owned != null) {
          owned.close();
        }
        ownedKnowledge.close();
        cluster.close();
        audits.close();
        if (ownCounters != null) {
          ownCounters.close();
        }
        if (e instanceof EngineConfigException) {
          throw e;
        }
        throw new EngineConfigException("cannot start the server on " + config.listen().host() + ":"
            + config.listen().port() + ": " + e.getMessage(), e);
      }
    }

    /**
     * One vault for the chat pipeline, {@code /v1/pii/detect} and the delete endpoints, so all see the same thread
     * mappings: in PostgreSQL with {@code storage.postgres} (shared by every node), else encrypted files under
     * {@code <storage-dir>/vault}, else in memory.
     */
    private static PiiOptions piiOptions(ServerConfig config, ClusterStorage cluster,
        Map<String, String> environment) {
      PiiOptions defaults = PiiOptions.defaults();
      VaultPolicy policy = config.vault().policy();
      var shared = cluster.vault(policy, environment);
      if (shared != null) {
        return defaults.withVault(shared);
      }
      Path dir = config.storageDir();
      return defaults.withVault(dir == null ? MappingVaults.inMemory(policy)
          : MappingVaults.directory(dir.resolve("vault"), VaultKeys.resolve(dir, environment), policy));
    }

    private static ChatCompletionEngine buildEngine(ServerConfig config, PiiOptions pii, KnowledgeBase knowledge,
        Map<String, String> environment, List<EngineListener.Factory> listeners) {
      ChatEngines.Builder builder = ChatEngines.builder()
          .option(PiiOptions.KEY, pii)
          .option(RagOptions.KNOWLEDGE_BASE, knowledge)
          .accessPolicy(config.accessPolicy());
      listeners.forEach(builder::addListener);
      // Values left below the threshold cost a second detection pass: reported where someone looks at audits.
      Observability observability = config.observability();
      builder.option(PiiOptions.AUDIT_BELOW_THRESHOLD,
          observability.playground() || observability.piiAuditLog() != null);
      Path jlamaDir = null;
      List<ServerConfig.ModelEntry> models = offeredModels(config);
      for (ServerConfig.ModelEntry model : models) {
        builder.model(model.spec());
        if (model.modelDir() != null) {
          if (jlamaDir != null && !jlamaDir.equals(model.modelDir())) {
            throw new EngineConfigException("the jlama backend serves one model directory per server; models "
                + "name both " + jlamaDir + " and " + model.modelDir());
          }
          jlamaDir = model.modelDir();
        }
      }
      if (jlamaDir != null) {
        builder.option(JlamaOptions.MODEL_DIR, jlamaDir);
      }
      remoteOptions(builder, config.backends(), environment);
      // The registry is the whole offer, in development mode too: an unknown id is a 404 listing the offered ones,
      // never an answer from the tiny model under the id the client asked for.
      builder.noDefaultBackend();
      String first = models.stream().filter(m -> m.spec().active()).map(ServerConfig.ModelEntry::id)
          .findFirst().orElse(models.get(0).id());
      builder.defaultModel(config.defaultModel() != null ? config.defaultModel() : first);
      return builder.build();
    }

    /**
     * The models a server-built engine offers: the configured registry, or without one the embedded model under
     * the {@code default-model} id (else {@value ChatEngines#DEFAULT_MODEL}) alone, with its context window.
     */
    private static List<ServerConfig.ModelEntry> offeredModels(ServerConfig config) {
      if (!config.models().isEmpty()) {
        return config.models();
      }
      String id = config.defaultModel() != null ? config.defaultModel() : ChatEngines.DEFAULT_MODEL;
      ModelSpec tiny = ModelSpec.builder(id, "jlama").contextWindow(TinyModels.CONTEXT_WINDOW).build();
      return List.of(new ServerConfig.ModelEntry(tiny));
    }

    private static void remoteOptions(ChatEngines.Builder builder, ServerConfig.Backends backends,
        Map<String, String> environment) {
      if (backends.openaiBaseUrl() != null) {
        builder.option(OpenAiOptions.BASE_URL, backends.openaiBaseUrl());
      }
      String key = backends.openaiApiKey();
      if (backends.openaiApiKeyEnv() != null) {
        key = environment.get(backends.openaiApiKeyEnv());
        if (key == null || key.isBlank()) {
          throw new EngineConfigException("backends.openai.api-key-env names the environment variable '"
              + backends.openaiApiKeyEnv() + "', which is not set; set it or remove the key");
        }
      }
      if (key != null) {
        builder.option(OpenAiOptions.API_KEY, key);
      }
      if (backends.ollamaBaseUrl() != null) {
        builder.option(OllamaOptions.BASE_URL, backends.ollamaBaseUrl());
      }
      if (backends.timeouts() != null) {
        builder.option(RemoteModelOptions.TIMEOUTS, backends.timeouts());
      }
    }

    /**
     * What {@code GET /v1/models} lists for an engine the caller passed: the configuration's registry, else the
     * engine's, else its default model.
     */
    private static List<ServerConfig.ModelEntry> models(ServerConfig config, ChatCompletionEngine served) {
      if (!config.models().isEmpty()) {
        return config.models();
      }
      List<ModelSpec> engineModels = ChatEngines.models(served).models();
      if (!engineModels.isEmpty()) {
        return engineModels.stream().map(spec -> new ServerConfig.ModelEntry(spec)).toList();
      }
      String id = config.defaultModel() != null ? config.defaultModel() : ChatEngines.DEFAULT_MODEL;
      return List.of(ServerConfig.ModelEntry.of(id, "jlama"));
    }
  }
}
