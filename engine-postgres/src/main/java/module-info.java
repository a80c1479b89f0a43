/**
 * Cluster storage on PostgreSQL: the PII vault, the ingestion jobs and the usage counters that every node of a
 * cluster shares. Entry point: {@link dev.confidant.postgres.PostgresStore}.
 */
module dev.confidant.postgres {
  requires transitive dev.confidant.api;
  requires transitive dev.confidant.pii;
  requires transitive dev.confidant.rag;
  requires static org.jspecify;
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  requires org.postgresql.jdbc;
  requires flyway.core; // automatic module: upstream has no module-info
  exports dev.confidant.postgres;
}
