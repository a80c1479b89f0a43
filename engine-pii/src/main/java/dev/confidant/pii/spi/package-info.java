/**
 * Extension points of the PII module: {@link dev.confidant.pii.spi.Recognizer} to add detectors and
 * {@link dev.confidant.pii.spi.MappingVault} to keep mappings in a shared store.
 *
 * {@snippet :
 * PiiOptions options = PiiOptions.defaults()
 *     .withExtraRecognizers(List.of(new EmployeeIdRecognizer()))
 *     .withVault(MappingVaults.directory(Path.of("/var/lib/confidant/vault")));
 * }
 */
@NullMarked
package dev.confidant.pii.spi;

import org.jspecify.annotations.NullMarked;
