/** Implementation of {@link dev.confidant.rag.KnowledgeBase} over one Lucene index per space. */
@NullMarked
package dev.confidant.rag.internal;

import org.jspecify.annotations.NullMarked;
