/** The privacy pipeline stage and its provider. Internal. */
@NullMarked
package dev.confidant.pii.internal.stage;

import org.jspecify.annotations.NullMarked;
