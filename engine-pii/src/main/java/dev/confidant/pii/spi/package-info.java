/**
 * Extension points of the PII module: {@link dev.confidant.pii.spi.Recognizer} to add detectors and
 * {@link dev.confidant.pii.spi.MappingVault} to keep mappings in a shared store, with its
 * {@link dev.confidant.pii.spi.VaultPolicy} (expiry, entry limits) and {@link dev.confidant.pii.spi.VaultKeyring}
 * (encryption keys).
 *
 * {@snippet class=dev.confidant.pii.PiiSnippets region=spi}
 */
@NullMarked
package dev.confidant.pii.spi;

import org.jspecify.annotations.NullMarked;
