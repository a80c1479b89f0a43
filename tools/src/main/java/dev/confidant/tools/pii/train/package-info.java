/** Training of engine-pii's name models and lists; their outputs are committed, this code never ships. */
@NullMarked
package dev.confidant.tools.pii.train;

import org.jspecify.annotations.NullMarked;
