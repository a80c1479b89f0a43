package dev.confidant.server.internal.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.confidant.api.EngineConfigException;
import dev.confidant.core.SpaceRole;
import dev.confidant.rag.IngestLimits;
import dev.confidant.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Binds YAML to {@link ServerConfig}. Stateless and thread-safe.
 *
 * <p>YAML binds to the nullable DTO records below first, so that omitted keys get the documented defaults here,
 * in one place, and the public records keep non-null components. Unknown keys are errors: a misspelt limit must
 * not silently fall back to its default.
 */
public final class YamlConfigReader {
  private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
      .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .build();

  private YamlConfigReader() {}

  /** Reads a file. */
  public static ServerConfig read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new EngineConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /** Parses YAML text; {@code source} names it in error messages. */
  public static ServerConfig parse(String yaml, String source) {
    Root root;
    try {
      root = YAML.readValue(yaml, Root.class);
    } catch (UnrecognizedPropertyException e) {
      throw new EngineConfigException("config " + source + ": unknown key '" + e.getPropertyName() + "' at "
          + e.getPathReference() + "; known keys: " + e.getKnownPropertyIds(), e);
    } catch (JsonProcessingException e) {
      throw new EngineConfigException("config " + source + ": " + e.getOriginalMessage() + " at "
          + e.getLocation(), e);
    }
    if (root == null) {
      throw new EngineConfigException("config " + source + " is empty");
    }
    try {
      return root.toConfig();
    } catch (EngineConfigException e) {
      throw new EngineConfigException("config " + source + ": " + e.getMessage(), e);
    }
  }

  static <T, R> List<R> map(@Nullable List<T> list, Function<T, R> f) {
    return list == null ? List.of() : list.stream().map(f).toList();
  }

  static <T> T required(@Nullable T value, String key) {
    if (value == null) {
      throw new EngineConfigException("required key '" + key + "' is missing");
    }
    return value;
  }

  record Root(@Nullable ListenDto listen, @Nullable String storageDir, @Nullable String defaultModel,
      @Nullable String defaultSpace, ModelConfigs.@Nullable BackendsDto backends,
      @Nullable JsonNode models, @Nullable List<TokenDto> tokens, @Nullable List<SpaceDto> spaces,
      @Nullable LimitsDto limits, @Nullable VaultDto vault, @Nullable StorageDto storage,
      @Nullable ObservabilityDto observability,
      @Nullable BudgetsDto budgets) {
    ServerConfig toConfig() {
      ServerConfig.Listen l = listen == null ? ServerConfig.Listen.DEFAULT : listen.toListen();
      return new ServerConfig(l, defaultModel, defaultSpace, ModelConfigs.entries(models),
          map(tokens, TokenDto::toToken), map(spaces, SpaceDto::toSpace),
          storageDir == null ? null : Path.of(storageDir),
          limits == null ? ServerConfig.Limits.DEFAULT : limits.toLimits(),
          backends == null ? ServerConfig.Backends.NONE : ModelConfigs.toBackends(backends),
          vault == null ? ServerConfig.Vault.DEFAULT : vault.toVault(),
          storage == null ? ServerConfig.Storage.EMBEDDED : storage.toStorage(),
          observability == null ? ServerConfig.Observability.OFF : observability.toObservability(),
          budgets == null ? ServerConfig.Budgets.OFF : budgets.toBudgets());
    }
  }

  record BudgetsDto(@Nullable Long principalRequestsPerMinute, @Nullable Long principalTokensPerMinute,
      @Nullable Long spaceRequestsPerMinute, @Nullable Long spaceTokensPerMinute, @Nullable Long spaceTokensPerPeriod,
      @Nullable Long periodDays) {
    ServerConfig.Budgets toBudgets() {
      ServerConfig.Budgets d = ServerConfig.Budgets.OFF;
      return new ServerConfig.Budgets(
          principalRequestsPerMinute == null ? 0 : principalRequestsPerMinute,
          principalTokensPerMinute == null ? 0 : principalTokensPerMinute,
          spaceRequestsPerMinute == null ? 0 : spaceRequestsPerMinute,
          spaceTokensPerMinute == null ? 0 : spaceTokensPerMinute,
          spaceTokensPerPeriod == null ? 0 : spaceTokensPerPeriod,
          periodDays == null ? d.period() : java.time.Duration.ofDays(periodDays));
    }
  }

  record StorageDto(@Nullable PostgresDto postgres, @Nullable OpenSearchDto opensearch) {
    ServerConfig.Storage toStorage() {
      return new ServerConfig.Storage(postgres == null ? null : postgres.toPostgres(),
          opensearch == null ? null : opensearch.toOpenSearch());
    }
  }

  record PostgresDto(@Nullable String url, @Nullable String user, @Nullable String passwordEnv,
      @Nullable String schema, @Nullable Integer maxPoolSize, @Nullable Integer ingestLeaseSeconds) {
    ServerConfig.Postgres toPostgres() {
      return new ServerConfig.Postgres(required(url, "storage.postgres.url"), user, passwordEnv,
          schema == null ? "public" : schema, maxPoolSize == null ? 8 : maxPoolSize,
          Duration.ofSeconds(ingestLeaseSeconds == null ? 30 : ingestLeaseSeconds));
    }
  }

  record OpenSearchDto(@Nullable String url, @Nullable String user, @Nullable String passwordEnv,
      @Nullable String indexPrefix, @Nullable Integer shards, @Nullable Integer replicas) {
    ServerConfig.OpenSearch toOpenSearch() {
      return new ServerConfig.OpenSearch(required(url, "storage.opensearch.url"), user, passwordEnv,
          indexPrefix == null ? "confidant-kb-" : indexPrefix, shards == null ? 1 : shards,
          replicas == null ? 0 : replicas);
    }
  }

  record ObservabilityDto(@Nullable Boolean playground, @Nullable String piiAuditLog,
      @Nullable Boolean traceStages) {
    ServerConfig.Observability toObservability() {
      return new ServerConfig.Observability(Boolean.TRUE.equals(playground),
          piiAuditLog == null ? null : Path.of(piiAuditLog), Boolean.TRUE.equals(traceStages));
    }
  }

  record VaultDto(@Nullable Long timeToLiveHours, @Nullable Integer maxEntriesPerThread,
      @Nullable Integer maxEntriesPerOwner) {
    ServerConfig.Vault toVault() {
      ServerConfig.Vault d = ServerConfig.Vault.DEFAULT;
      return new ServerConfig.Vault(
          timeToLiveHours == null ? d.timeToLive() : java.time.Duration.ofHours(timeToLiveHours),
          maxEntriesPerThread == null ? d.maxEntriesPerThread() : maxEntriesPerThread,
          maxEntriesPerOwner == null ? d.maxEntriesPerOwner() : maxEntriesPerOwner);
    }
  }

  record ListenDto(@Nullable String host, @Nullable Integer port) {
    ServerConfig.Listen toListen() {
      ServerConfig.Listen d = ServerConfig.Listen.DEFAULT;
      return new ServerConfig.Listen(host == null ? d.host() : host, port == null ? d.port() : port);
    }
  }

  record TokenDto(@Nullable String principal, @JsonProperty("sha256") @Nullable String sha256) {
    ServerConfig.Token toToken() {
      return new ServerConfig.Token(required(principal, "tokens[].principal"),
          required(sha256, "tokens[" + principal + "].sha256"));
    }
  }

  record SpaceDto(@Nullable String id, @Nullable String name, @Nullable List<MemberDto> members,
      @Nullable Boolean allowCustomModelEndpoint) {
    ServerConfig.Space toSpace() {
      String spaceId = required(id, "spaces[].id");
      return new ServerConfig.Space(spaceId, name, map(members, m -> m.toMember(spaceId)),
          Boolean.TRUE.equals(allowCustomModelEndpoint));
    }
  }

  record MemberDto(@Nullable String principal, @Nullable SpaceRole role) {
    ServerConfig.Member toMember(String spaceId) {
      return new ServerConfig.Member(required(principal, "spaces[" + spaceId + "].members[].principal"),
          required(role, "spaces[" + spaceId + "].members[" + principal + "].role (viewer, editor or admin)"));
    }
  }

  record LimitsDto(@Nullable Long maxBodyBytes, @Nullable Integer maxConcurrentRequests,
      @Nullable Integer maxQueuedRequests, @Nullable Long queueTimeoutMillis, @Nullable Integer retryAfterSeconds,
      @Nullable ConnectionsDto connections, @Nullable RateDto rate, @Nullable IngestionDto ingestion) {
    ServerConfig.Limits toLimits() {
      ServerConfig.Limits d = ServerConfig.Limits.DEFAULT;
      return new ServerConfig.Limits(
          maxBodyBytes == null ? d.maxBodyBytes() : maxBodyBytes,
          maxConcurrentRequests == null ? d.maxConcurrentRequests() : maxConcurrentRequests,
          maxQueuedRequests == null ? d.maxQueuedRequests() : maxQueuedRequests,
          queueTimeoutMillis == null ? d.queueTimeoutMillis() : queueTimeoutMillis,
          retryAfterSeconds == null ? d.retryAfterSeconds() : retryAfterSeconds,
          connections == null ? d.connections() : connections.toConnections(),
          rate == null ? d.rate() : rate.toRate(),
          ingestion == null ? d.ingestion() : ingestion.toLimits());
    }
  }

  record IngestionDto(@Nullable Long maxExtractedChars, @Nullable Integer maxChunksPerDocument,
      @Nullable Integer maxHeadingChars, @Nullable Long maxUnpackedBytes, @Nullable Long parseTimeoutMillis,
      @Nullable Integer maxQueuedDocumentsPerSpace, @Nullable Long maxQueuedBytesPerSpace,
      @Nullable Long maxQueuedBytes, @Nullable Integer workers) {
    IngestLimits toLimits() {
      IngestLimits d = IngestLimits.defaults();
      try {
        return new IngestLimits(
            maxExtractedChars == null ? d.maxExtractedChars() : maxExtractedChars,
            maxChunksPerDocument == null ? d.maxChunksPerDocument() : maxChunksPerDocument,
            maxHeadingChars == null ? d.maxHeadingChars() : maxHeadingChars,
            maxUnpackedBytes == null ? d.maxUnpackedBytes() : maxUnpackedBytes,
            parseTimeoutMillis == null ? d.parseTimeout() : java.time.Duration.ofMillis(parseTimeoutMillis),
            maxQueuedDocumentsPerSpace == null ? d.maxQueuedDocumentsPerSpace() : maxQueuedDocumentsPerSpace,
            maxQueuedBytesPerSpace == null ? d.maxQueuedBytesPerSpace() : maxQueuedBytesPerSpace,
            maxQueuedBytes == null ? d.maxQueuedBytes() : maxQueuedBytes,
            workers == null ? d.workers() : workers);
      } catch (IllegalArgumentException e) {
        throw new EngineConfigException("limits.ingestion: every value must be positive; " + e.getMessage(), e);
      }
    }
  }

  record RateDto(@Nullable Double perClientPerSecond, @Nullable Integer burst, @Nullable Integer maxClients) {
    ServerConfig.Rate toRate() {
      ServerConfig.Rate d = ServerConfig.Rate.OFF;
      return new ServerConfig.Rate(perClientPerSecond == null ? d.perSecond() : perClientPerSecond,
          burst == null ? d.burst() : burst, maxClients == null ? d.maxClients() : maxClients);
    }
  }

  record ConnectionsDto(@Nullable Integer max, @Nullable Integer perClient, @Nullable Long headerTimeoutMillis,
      @Nullable Long idleTimeoutMillis, @Nullable Long bodyTimeoutMillis, @Nullable Long bodyBytesInFlight) {
    ServerConfig.Connections toConnections() {
      ServerConfig.Connections d = ServerConfig.Connections.DEFAULT;
      return new ServerConfig.Connections(
          max == null ? d.maxConnections() : max,
          perClient == null ? d.maxConnectionsPerClient() : perClient,
          headerTimeoutMillis == null ? d.headerTimeout() : java.time.Duration.ofMillis(headerTimeoutMillis),
          idleTimeoutMillis == null ? d.idleTimeout() : java.time.Duration.ofMillis(idleTimeoutMillis),
          bodyTimeoutMillis == null ? d.bodyTimeout() : java.time.Duration.ofMillis(bodyTimeoutMillis),
          bodyBytesInFlight == null ? d.bodyBytesInFlight() : bodyBytesInFlight);
    }
  }
}
