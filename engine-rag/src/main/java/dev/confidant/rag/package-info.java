/** Knowledge collections, file ingestion and Lucene retrieval with citations. */
@NullMarked
package dev.confidant.rag;

import org.jspecify.annotations.NullMarked;
