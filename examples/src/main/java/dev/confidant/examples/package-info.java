/**
 * Runnable examples: {@link dev.confidant.examples.QuickStart} (the engine on its embedded model, with
 * pseudonymization on) and {@link dev.confidant.examples.ToolExample} (a server tool,
 * {@link dev.confidant.examples.OrderStatusTool}, registered through the builder and run by the tool loop).
 */
@NullMarked
package dev.confidant.examples;

import org.jspecify.annotations.NullMarked;
