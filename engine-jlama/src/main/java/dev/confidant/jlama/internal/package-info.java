/**
 * The in-process {@code jlama} model backend: loads a Hugging Face-layout model with Jlama and runs its own
 * generation loop (sampling, stop sequences, incremental UTF-8 decoding, streaming) over Jlama's forward pass.
 * Tool calling: tools are rendered with the model's chat template ({@link PromptRenderer}, or a described-tools
 * system message when the template has no tool support), and calls are parsed from the generated text
 * ({@link ToolCallParser}, streamed by {@link ToolCallExtractor}); {@code tool_choice} {@code required} or a named
 * function is rejected, since nothing constrains the model to call.
 * Internal: use it through {@link dev.confidant.jlama.JlamaOptions} and the engine builder.
 */
@NullMarked
package dev.confidant.jlama.internal;

import org.jspecify.annotations.NullMarked;
