/** Internal: structure-following chunking with overlap. Not an API; may change without notice. */
@NullMarked
package dev.confidant.rag.internal.chunk;

import org.jspecify.annotations.NullMarked;
