package dev.confidant.opensearch;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where the cluster's OpenSearch is and how its knowledge indexes are laid out. Immutable; vary with {@code with*}.
 * {@link #toString()} never shows the password.
 *
 * @param url the base URL of a node, {@code http://host:9200} or {@code https://host:9200}
 * @param user the user for HTTP basic authentication, or {@code null} for none
 * @param password the user's password, or {@code null}
 * @param indexPrefix the prefix of every index and search pipeline this knowledge base creates (default
 *     {@code confidant-kb-}), so that several deployments can share one OpenSearch cluster
 * @param shards primary shards of a space's index (default 1: BM25 statistics are then exact, as in the embedded
 *     index; more shards only pay off for spaces of many millions of chunks)
 * @param replicas replicas of each shard (default 0 for a single node; 1 or more in production)
 * @param timeout how long one request to OpenSearch may take (default 30 s)
 */
public record OpenSearchSettings(URI url, @Nullable String user, @Nullable String password, String indexPrefix,
    int shards, int replicas, Duration timeout) {

  /** @throws IllegalArgumentException if the URL is not http(s) or a value is out of range */
  public OpenSearchSettings {
    requireNonNull(url, "url");
    requireNonNull(indexPrefix, "indexPrefix");
    requireNonNull(timeout, "timeout");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("an OpenSearch URL is http://host:port or https://host:port, was " + url);
    }
    if (!indexPrefix.matches("[a-z][a-z0-9_.-]{0,40}")) {
      throw new IllegalArgumentException("indexPrefix must be 1-41 lower-case letters, digits, '_', '.' or '-',"
          + " starting with a letter, was '" + indexPrefix + "'");
    }
    if (shards < 1 || shards > 1024) {
      throw new IllegalArgumentException("shards must be in [1, 1024], was " + shards);
    }
    if (replicas < 0 || replicas > 16) {
      throw new IllegalArgumentException("replicas must be in [0, 16], was " + replicas);
    }
    if (timeout.toMillis() < 100) {
      throw new IllegalArgumentException("timeout must be at least 100 ms, was " + timeout);
    }
  }

  /** The node at a URL: prefix {@code confidant-kb-}, one shard, no replica, 30 s timeout, no authentication. */
  public static OpenSearchSettings of(String url) {
    return new OpenSearchSettings(URI.create(url), null, null, "confidant-kb-", 1, 0, Duration.ofSeconds(30));
  }

  /** These settings with basic-authentication credentials. */
  public OpenSearchSettings withCredentials(String user, @Nullable String password) {
    return new OpenSearchSettings(url, user, password, indexPrefix, shards, replicas, timeout);
  }

  /** These settings with another index prefix. */
  public OpenSearchSettings withIndexPrefix(String indexPrefix) {
    return new OpenSearchSettings(url, user, password, indexPrefix, shards, replicas, timeout);
  }

  /** These settings with other shard and replica counts. */
  public OpenSearchSettings withShards(int shards, int replicas) {
    return new OpenSearchSettings(url, user, password, indexPrefix, shards, replicas, timeout);
  }

  /** These settings with another request timeout. */
  public OpenSearchSettings withTimeout(Duration timeout) {
    return new OpenSearchSettings(url, user, password, indexPrefix, shards, replicas, timeout);
  }

  @Override
  public String toString() {
    return "OpenSearchSettings[url=" + url + ", user=" + user + ", indexPrefix=" + indexPrefix + ", shards=" + shards
        + ", replicas=" + replicas + ", timeout=" + timeout + "]";
  }
}
