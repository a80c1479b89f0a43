/**
 * Knowledge collections, file ingestion and Lucene retrieval with citations.
 *
 * <p>A {@link dev.confidant.rag.KnowledgeBase} keeps one Lucene index per space on disk. Collections group
 * documents inside a space; documents are parsed (TXT, MD, HTML, CSV, JSON, PDF, DOCX, PPTX, XLSX), split into
 * chunks that follow their structure, embedded, and indexed for BM25 (English and German analysis) and for
 * nearest-neighbour search (HNSW). Searches rank by {@link dev.confidant.rag.SearchMode BM25, dense vectors or
 * both fused}; only the space a search names is ever read.
 *
 * <p>The {@code retrieval} pipeline stage grounds chat completions in the collections and uploaded files a
 * request names ({@code X-Collection-Ids}, {@code X-Uploaded-Files}) and returns the passages it used as
 * {@code message.context.citations}.
 *
 * {@snippet class=dev.confidant.rag.RagSnippets region=overview}
 *
 * // In an engine: the retrieval stage searches the request's collections.
 * // ChatEngines.builder().option(RagOptions.KNOWLEDGE_BASE, kb) ...
 * // RequestContext.of("alice", "space_abc").with(KnowledgeSources.KEY, KnowledgeSources.ofCollections(List.of("handbook")))
 * }
 */
@NullMarked
package dev.confidant.rag;

import org.jspecify.annotations.NullMarked;
