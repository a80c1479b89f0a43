/** Evaluation commands over the shared development data: scores, throughput, decoding sweeps. */
@NullMarked
package dev.confidant.tools.pii.eval;

import org.jspecify.annotations.NullMarked;
