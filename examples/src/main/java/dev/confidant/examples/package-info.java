/**
 * Runnable examples: {@link dev.confidant.examples.QuickStart} (the engine on its embedded model) and
 * {@link dev.confidant.examples.ToolExample} (a server tool, {@link dev.confidant.examples.OrderStatusTool},
 * registered through the {@code ToolProvider} SPI and run by the tool loop).
 */
@NullMarked
package dev.confidant.examples;

import org.jspecify.annotations.NullMarked;
