/** Internal: the built-in embedders. Not an API; may change without notice. */
@NullMarked
package dev.confidant.rag.internal.embed;

import org.jspecify.annotations.NullMarked;
