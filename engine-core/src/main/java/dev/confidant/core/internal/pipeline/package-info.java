/** Pipeline assembly: provider discovery and checks, the stage chain, the engine implementation. */
@NullMarked
package dev.confidant.core.internal.pipeline;

import org.jspecify.annotations.NullMarked;
