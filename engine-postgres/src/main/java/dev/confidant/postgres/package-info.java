/**
 * PostgreSQL as the system of record of a Confidant cluster: nodes keep no state another node needs.
 *
 * <p>{@link dev.confidant.postgres.PostgresStore#open} connects a small pool (HikariCP), brings the schema up to
 * date (Flyway, with a history table of its own, so the database may be shared) and hands out the stores:
 *
 * {@snippet :
 * try (PostgresStore store = PostgresStore.open(PostgresSettings.of("jdbc:postgresql://db:5432/confidant")
 *     .withCredentials("confidant", System.getenv("PGPASSWORD")))) {
 *   MappingVault vault = store.vault(VaultKeyring.fromBase64(keyBase64, List.of()), VaultPolicy.defaults());
 *   // engine builder: .option(PiiOptions.KEY, PiiOptions.defaults().withVault(vault))
 * }
 * }
 */
@NullMarked
package dev.confidant.postgres;

import org.jspecify.annotations.NullMarked;
