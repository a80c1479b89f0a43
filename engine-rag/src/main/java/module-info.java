/** Knowledge collections, file ingestion and Lucene retrieval with citations. */
module dev.confidant.rag {
  requires transitive dev.confidant.api;
  requires static org.jspecify;
  exports dev.confidant.rag;
}
