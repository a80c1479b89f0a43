/**
 * JSON mapping of the Chat Completions wire format (Jackson): requests with every violation reported in
 * FastAPI/pydantic shape, responses and stream chunks exactly as OpenAI writes them.
 */
@NullMarked
package dev.confidant.core.json;

import org.jspecify.annotations.NullMarked;
