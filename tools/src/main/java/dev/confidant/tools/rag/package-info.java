/**
 * Retrieval evaluation on BEIR folders ({@code corpus.jsonl}, {@code queries.jsonl}, {@code qrels/*.tsv}):
 * {@link dev.confidant.tools.rag.BeirEvaluation} prints nDCG@10 and Recall@100 per search mode,
 * {@link dev.confidant.tools.rag.FusionSweep} compares hybrid fusion functions. Not an API.
 */
@NullMarked
package dev.confidant.tools.rag;

import org.jspecify.annotations.NullMarked;
