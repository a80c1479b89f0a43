/** A minimal JSON reader for the evaluation data and the caller mapping format. Internal. */
@NullMarked
package dev.confidant.pii.internal.json;

import org.jspecify.annotations.NullMarked;
