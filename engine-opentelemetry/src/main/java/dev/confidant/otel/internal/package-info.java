/** The per-call span bookkeeping. */
@NullMarked
package dev.confidant.otel.internal;

import org.jspecify.annotations.NullMarked;
