/**
 * Entry point: {@link dev.confidant.core.ChatEngines} builds a {@link dev.confidant.api.ChatCompletionEngine}
 * from the stages and backends found with {@link java.util.ServiceLoader} plus those added on the builder.
 */
@NullMarked
package dev.confidant.core;

import org.jspecify.annotations.NullMarked;
