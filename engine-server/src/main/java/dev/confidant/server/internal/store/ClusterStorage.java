package dev.confidant.server.internal.store;

import dev.confidant.api.EngineConfigException;
import dev.confidant.opensearch.OpenSearchSettings;
import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.VaultPolicy;
import dev.confidant.postgres.PostgresSettings;
import dev.confidant.postgres.PostgresStore;
import dev.confidant.rag.IngestLimits;
import dev.confidant.rag.spi.DurableIngestQueue;
import dev.confidant.server.ServerConfig;
import dev.confidant.server.UsageCounters;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The shared storage of a cluster node ({@code storage:} in the configuration): the PostgreSQL store of the PII
 * vault, the usage counters and (with OpenSearch) the ingestion queue, opened (and its schema migrated) when the server starts, and the settings of the OpenSearch knowledge base,
 * which {@link OwnedKnowledgeBase} opens on first use. Secrets come from the environment variables the configuration
 * names, never from the file. Thread-safe.
 */
public final class ClusterStorage implements AutoCloseable {
  private final @Nullable PostgresStore postgres;
  private final @Nullable OpenSearchSettings openSearch;
  private final ServerConfig.@Nullable Postgres config;

  private ClusterStorage(@Nullable PostgresStore postgres, @Nullable OpenSearchSettings openSearch,
      ServerConfig.@Nullable Postgres config) {
    this.postgres = postgres;
    this.openSearch = openSearch;
    this.config = config;
  }

  /**
   * Connects to the configured PostgreSQL (if any) and checks the OpenSearch settings.
   *
   * @throws EngineConfigException if a setting is invalid, a password variable is unset, or PostgreSQL cannot be
   *     reached or migrated
   */
  public static ClusterStorage open(ServerConfig.Storage storage, Map<String, String> env) {
    OpenSearchSettings openSearch = null;
    if (storage.opensearch() != null) {
      ServerConfig.OpenSearch o = storage.opensearch();
      try {
        openSearch = OpenSearchSettings.of(o.url()).withIndexPrefix(o.indexPrefix()).withShards(o.shards(),
            o.replicas());
      } catch (IllegalArgumentException e) {
        throw new EngineConfigException("storage.opensearch: " + e.getMessage(), e);
      }
      if (o.user() != null) {
        openSearch = openSearch.withCredentials(o.user(), secret(env, o.passwordEnv(), "storage.opensearch"));
      }
    }
    PostgresStore postgres = null;
    if (storage.postgres() != null) {
      ServerConfig.Postgres p = storage.postgres();
      PostgresSettings settings;
      try {
        settings = PostgresSettings.of(p.url()).withSchema(p.schema()).withMaxPoolSize(p.maxPoolSize());
      } catch (IllegalArgumentException e) {
        throw new EngineConfigException("storage.postgres: " + e.getMessage(), e);
      }
      if (p.user() != null) {
        settings = settings.withCredentials(p.user(), secret(env, p.passwordEnv(), "storage.postgres"));
      }
      try {
        postgres = PostgresStore.open(settings);
      } catch (RuntimeException e) {
        throw new EngineConfigException("storage.postgres: cannot open " + settings.displayUrl() + ": "
            + e.getMessage(), e);
      }
    }
    return new ClusterStorage(postgres, openSearch, storage.postgres());
  }

  private static @Nullable String secret(Map<String, String> env, @Nullable String variable, String key) {
    if (variable == null) {
      return null;
    }
    String value = env.get(variable);
    if (value == null) {
      throw new EngineConfigException(key + ".password-env names " + variable + ", which is not set");
    }
    return value;
  }

  /**
   * The vault in PostgreSQL, encrypted with the keys of {@code CONFIDANT_VAULT_KEY}, or {@code null} without
   * {@code storage.postgres}.
   *
   * @throws EngineConfigException if {@code CONFIDANT_VAULT_KEY} is missing or malformed
   */
  public @Nullable MappingVault vault(VaultPolicy policy, Map<String, String> env) {
    return postgres == null ? null : postgres.vault(VaultKeys.fromEnvironment(env), policy);
  }

  /**
   * The request and token counters in PostgreSQL, shared by every node so that limits and budgets hold for the
   * cluster, or {@code null} without {@code storage.postgres}.
   */
  public @Nullable UsageCounters usageCounters() {
    return postgres == null ? null : new PostgresUsageCounters(postgres.counters());
  }

  /**
   * The ingestion queue in PostgreSQL, shared by every node, when the collections are in OpenSearch too; else
   * {@code null} (a node's own Lucene index is ingested by that node alone).
   */
  public @Nullable DurableIngestQueue ingestQueue(IngestLimits limits) {
    return postgres == null || openSearch == null || config == null ? null
        : postgres.ingestQueue(limits, config.ingestLease());
  }

  /** The OpenSearch of the knowledge base, or {@code null} without {@code storage.opensearch}. */
  public @Nullable OpenSearchSettings openSearch() {
    return openSearch;
  }

  /** Closes the PostgreSQL pool. Idempotent. */
  @Override
  public void close() {
    if (postgres != null) {
      postgres.close();
    }
  }
}
