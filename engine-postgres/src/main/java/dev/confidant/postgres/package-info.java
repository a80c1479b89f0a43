/**
 * PostgreSQL as the system of record of a Confidant cluster: nodes keep no state another node needs.
 *
 * <p>{@link dev.confidant.postgres.PostgresStore#open} connects a small pool (HikariCP), brings the schema up to
 * date (Flyway, with a history table of its own, so the database may be shared) and hands out the stores:
 *
 * {@snippet class=dev.confidant.postgres.PostgresSnippets region=vault}
 */
@NullMarked
package dev.confidant.postgres;

import org.jspecify.annotations.NullMarked;
