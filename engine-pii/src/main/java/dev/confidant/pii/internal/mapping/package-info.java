/** Placeholder mappings and the built-in vaults. Internal. */
@NullMarked
package dev.confidant.pii.internal.mapping;

import org.jspecify.annotations.NullMarked;
