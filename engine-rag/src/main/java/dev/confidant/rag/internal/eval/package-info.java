/** Internal: BEIR evaluation command (nDCG@10, Recall@100 per mode). Not an API; may change without notice. */
@NullMarked
package dev.confidant.rag.internal.eval;

import org.jspecify.annotations.NullMarked;
