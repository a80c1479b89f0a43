/**
 * The {@code response-format} stage: validates that replies follow the request's {@code response_format}
 * ({@code json_object}, strict {@code json_schema}) and asks the model to repair invalid ones, a bounded number of
 * times. See {@link dev.confidant.core.ResponseFormatOptions}.
 */
@NullMarked
package dev.confidant.core.internal.format;

import org.jspecify.annotations.NullMarked;
