/**
 * The in-process {@code jlama} model backend: loads a Hugging Face-layout model with Jlama and runs its own
 * generation loop (sampling, stop sequences, incremental UTF-8 decoding, streaming) over Jlama's forward pass.
 * Internal: use it through {@link dev.confidant.core.JlamaOptions} and the engine builder.
 */
@NullMarked
package dev.confidant.core.internal.backend.jlama;

import org.jspecify.annotations.NullMarked;
