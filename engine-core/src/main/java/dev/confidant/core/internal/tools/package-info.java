/**
 * The {@code tool-loop} stage: offers server tools ({@link dev.confidant.api.spi.ToolProvider}) to the model,
 * validates and runs the calls it makes, feeds the results back and loops until the model answers or calls a
 * client tool.
 */
@NullMarked
package dev.confidant.core.internal.tools;

import org.jspecify.annotations.NullMarked;
