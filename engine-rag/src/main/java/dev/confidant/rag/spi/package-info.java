/**
 * Extension points of the knowledge base: {@link dev.confidant.rag.spi.DurableIngestQueue}, a queue of ingestion
 * work that several engine nodes share and that survives any one of them (engine-postgres implements it).
 */
@NullMarked
package dev.confidant.rag.spi;

import org.jspecify.annotations.NullMarked;
