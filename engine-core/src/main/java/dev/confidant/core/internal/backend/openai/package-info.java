/**
 * The {@code openai} backend: any OpenAI-compatible {@code /v1/chat/completions} server (OpenAI, vLLM, llama.cpp's
 * {@code llama-server}, another Confidant) through langchain4j-open-ai, always streaming upstream.
 */
@NullMarked
package dev.confidant.core.internal.backend.openai;

import org.jspecify.annotations.NullMarked;
