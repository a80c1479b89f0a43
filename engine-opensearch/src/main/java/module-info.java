/**
 * Knowledge collections on OpenSearch 2.19, shared by every node of a cluster. Entry point:
 * {@link dev.confidant.opensearch.OpenSearchKnowledgeBase}.
 */
module dev.confidant.opensearch {
  requires transitive dev.confidant.rag;
  requires static org.jspecify;
  requires com.fasterxml.jackson.databind;
  requires jakarta.json;
  // Automatic modules: upstream has no module-info.
  requires opensearch.java;
  requires org.apache.httpcomponents.client5.httpclient5;
  requires org.apache.httpcomponents.core5.httpcore5;

  exports dev.confidant.opensearch;
}
