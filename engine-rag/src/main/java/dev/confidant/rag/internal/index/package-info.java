/** Internal: the Lucene index of one space (fields, analysis, commits) and retrieval over it. Not an API; may change without notice. */
@NullMarked
package dev.confidant.rag.internal.index;

import org.jspecify.annotations.NullMarked;
