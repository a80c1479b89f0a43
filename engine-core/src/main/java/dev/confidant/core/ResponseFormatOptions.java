package dev.confidant.core;

import dev.confidant.api.spi.EngineOption;

/**
 * Options of the {@code response-format} stage, which makes replies follow the request's {@code response_format}
 * ({@code json_object}, or {@code json_schema} with {@code strict: true}). The keys are immutable constants.
 *
 * <p>The stage validates the final assistant content of every completion that asks for JSON: {@code json_object}
 * must be exactly one JSON object; {@code json_schema} must be valid JSON and, with {@code strict: true}, valid
 * against the schema (the subset of JSON Schema that OpenAI's strict mode allows: {@code type}, {@code properties},
 * {@code required}, {@code additionalProperties}, {@code enum}, {@code const}, {@code items}, {@code anyOf},
 * {@code $defs}/{@code $ref}, nullable unions). A reply that fails is sent back to the model with the problems,
 * at most {@link #MAX_REPAIRS} times; if it still fails, the call fails with a
 * {@link dev.confidant.api.ModelInvocationException} of type
 * {@link dev.confidant.api.ErrorType#MODEL_OUTPUT_INVALID} (HTTP 502, {@code model_output_invalid}) rather than
 * hand the client text that its JSON parser would reject.
 *
 * <p>A repair is a new turn of the whole inner pipeline (tool loop, PII, model) with the invalid reply and the
 * problems appended to the conversation; server tools the model called before may be called again, since only the
 * final reply is carried over.
 *
 * <p>Not validated: replies that end in tool calls, a refusal, {@code finish_reason: length} (the JSON is cut
 * off; OpenAI returns such a reply as it is, and so does the engine) or {@code content_filter}. With {@code n > 1}
 * every choice is validated and there is no repair.
 *
 * <p>Streaming: the stage buffers each attempt and releases its chunks once the reply is valid, so a streamed
 * response with a JSON {@code response_format} starts when the model has finished (the chunks are otherwise
 * unchanged; the usage chunk counts every attempt).
 *
 * {@snippet class=dev.confidant.core.CoreSnippets region=max-repairs}
 */
public final class ResponseFormatOptions {

  /**
   * How many times an invalid reply is sent back to the model for repair before the call fails. Default 2 (at most
   * three model calls); 0 validates without repair. Backends that constrain decoding (Jlama for JSON objects) do
   * not need it for {@code json_object}.
   */
  public static final EngineOption<Integer> MAX_REPAIRS =
      EngineOption.of("response-format.max-repairs", Integer.class, 2);

  private ResponseFormatOptions() {}
}
