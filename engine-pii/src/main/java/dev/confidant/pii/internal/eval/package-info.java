/** Evaluation command over the shared development data. Internal. */
@NullMarked
package dev.confidant.pii.internal.eval;

import org.jspecify.annotations.NullMarked;
