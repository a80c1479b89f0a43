/** Internal: the {@code retrieval} pipeline stage and the {@code knowledge_search} tool. Not an API; may change without notice. */
@NullMarked
package dev.confidant.rag.internal.stage;

import org.jspecify.annotations.NullMarked;
