/** Internal: asynchronous ingestion and the format parsers that turn files into structured blocks. Not an API; may change without notice. */
@NullMarked
package dev.confidant.rag.internal.ingest;

import org.jspecify.annotations.NullMarked;
