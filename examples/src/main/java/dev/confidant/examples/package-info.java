/** Runnable examples: {@link dev.confidant.examples.QuickStart}. */
@NullMarked
package dev.confidant.examples;

import org.jspecify.annotations.NullMarked;
