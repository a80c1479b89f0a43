/**
 * Generates the tiny Llama-architecture model the {@code jlama} backend serves when no model directory is
 * configured: a byte-fallback BPE tokenizer trained on a fixed English text, random weights from a fixed seed,
 * and a chat template, written byte-for-byte deterministically so that it can be cached and shared.
 */
@NullMarked
package dev.confidant.jlama.internal.tiny;

import org.jspecify.annotations.NullMarked;
