/**
 * Extension points of the PII module: {@link dev.confidant.pii.spi.Recognizer} to add detectors and
 * {@link dev.confidant.pii.spi.MappingVault} to keep mappings in a shared store, with its
 * {@link dev.confidant.pii.spi.VaultPolicy} (expiry, entry limits) and {@link dev.confidant.pii.spi.VaultKeyring}
 * (encryption keys).
 *
 * {@snippet :
 * PiiOptions options = PiiOptions.defaults()
 *     .withExtraRecognizers(List.of(new EmployeeIdRecognizer()))
 *     .withVault(MappingVaults.directory(Path.of("/var/lib/confidant/vault"),
 *         VaultKeyring.fromBase64(System.getenv("MY_VAULT_KEY"), List.of()),
 *         VaultPolicy.defaults().withTimeToLive(Duration.ofDays(7))));
 * }
 */
@NullMarked
package dev.confidant.pii.spi;

import org.jspecify.annotations.NullMarked;
