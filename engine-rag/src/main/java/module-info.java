/**
 * Knowledge collections, file ingestion and Lucene retrieval with citations.
 *
 * <p>Entry point: {@link dev.confidant.rag.KnowledgeBase}. The {@code retrieval} pipeline stage is discovered
 * with {@link java.util.ServiceLoader}.
 */
module dev.confidant.rag {
  requires transitive dev.confidant.api;
  requires static org.jspecify;
  requires org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;
  requires com.fasterxml.jackson.databind;
  requires org.apache.pdfbox;
  requires org.apache.poi.poi;
  requires org.apache.poi.ooxml;
  requires org.jsoup;
  requires org.apache.commons.csv;
  // Automatic modules: upstream has no module-info.
  requires langchain4j.embeddings.all.minilm.l6.v2; // the model file and tokenizer at the jar's root
  requires com.microsoft.onnxruntime;
  requires ai.djl.tokenizers;

  exports dev.confidant.rag;
  exports dev.confidant.rag.spi;
  // The fusion sweep of the tools module (evaluation, never a runtime dependency) compares fusion functions.
  exports dev.confidant.rag.internal.index to dev.confidant.tools, dev.confidant.opensearch;
  // The OpenSearch knowledge base (engine-opensearch) validates, parses, chunks and embeds as this module does.
  exports dev.confidant.rag.internal to dev.confidant.opensearch;
  exports dev.confidant.rag.internal.ingest to dev.confidant.opensearch;
  exports dev.confidant.rag.internal.chunk to dev.confidant.opensearch;

  provides dev.confidant.api.spi.PipelineStageProvider with dev.confidant.rag.internal.stage.RetrievalStageProvider;
}
