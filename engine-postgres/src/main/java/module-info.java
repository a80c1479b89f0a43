/**
 * Cluster storage on PostgreSQL: the PII vault that every node of a cluster shares (and, as they land, ingestion
 * jobs and limit counters). Entry point: {@link dev.confidant.postgres.PostgresStore}.
 */
module dev.confidant.postgres {
  requires transitive dev.confidant.api;
  requires transitive dev.confidant.pii;
  requires static org.jspecify;
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  requires org.postgresql.jdbc;
  requires flyway.core; // automatic module: upstream has no module-info
  exports dev.confidant.postgres;
}
