package dev.confidant.rag;

import dev.confidant.api.RequestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The code samples of this package's javadoc ({@code {@snippet class=... region=...}}); compiled with the tests. */
final class RagSnippets {
  private RagSnippets() {}

  static void overview() {
    // @start region="overview"
    KnowledgeBase kb = KnowledgeBase.open(Path.of("data"), Embedders.allMiniLmL6V2(), RagOptions.defaults());
    kb.ensureCollection("space_abc", "handbook");
    kb.ingest("space_abc", "handbook", List.of(DocumentInput.ofFile(Path.of("handbook.pdf"))),
        event -> System.out.println(event.status())).await(Duration.ofMinutes(5));

    for (SearchHit hit : kb.search(SearchQuery.of("space_abc", "parental leave").withK(5))) {
      System.out.println(hit.sourceId() + " " + hit.chunkId() + " " + hit.score());
    }
    // @end
  }

  static List<SearchHit> knowledgeBase() {
    // @start region="knowledge-base"
    try (KnowledgeBase kb = KnowledgeBase.open(Path.of("data"), Embedders.allMiniLmL6V2(), RagOptions.defaults())) {
      KnowledgeCollection handbook = kb.createCollection("space_abc", "handbook", "Employee handbook");
      kb.ingest("space_abc", handbook.id(), List.of(DocumentInput.ofFile(Path.of("leave-policy.pdf"))),
          IngestionListener.NONE).await(Duration.ofMinutes(1));
      List<SearchHit> hits = kb.search(SearchQuery.of("space_abc", "how many vacation days?").withK(5));
      // @end
      return hits;
    }
  }

  static void options(Path dataDir) {
    // @start region="options"
    KnowledgeBase kb = KnowledgeBase.open(dataDir, Embedders.allMiniLmL6V2(), RagOptions.defaults());
    RagOptions options = RagOptions.defaults().withTopK(8);
    // engine builder: .option(RagOptions.KNOWLEDGE_BASE, kb).option(RagOptions.KEY, options)
    // @end
    kb.close();
  }

  static RequestContext sources() {
    // @start region="sources"
    RequestContext context = RequestContext.of("alice", "space_abc")
        .with(KnowledgeSources.KEY, KnowledgeSources.ofCollections(List.of("handbook")));
    // @end
    return context;
  }

  static String tool(KnowledgeBase kb, RequestContext requestContext) {
    // @start region="search-tool"
    KnowledgeSearchTool tool = new KnowledgeSearchTool(kb, RagOptions.defaults());
    // advertise tool.definition() to the model; when it calls "knowledge_search":
    String result = tool.execute("{\"query\": \"parental leave\"}", requestContext);
    // {"results":[{"source_id":"...","chunk_id":"...","title":"...","content":"...","score":0.03}]}
    // @end
    return result;
  }
}
