package dev.confidant.rag.internal.stage;

import dev.confidant.api.CompletionStream;
import dev.confidant.api.MessageContext;
import dev.confidant.api.RequestContext;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageContext;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.KnowledgeSources;
import dev.confidant.rag.RagOptions;
import dev.confidant.rag.SearchHit;
import dev.confidant.rag.SearchQuery;
import java.util.List;

/**
 * The {@code retrieval} stage: when a request names collections or uploaded files, searches them in the
 * request's space with a query built from the conversation, injects the best passages within the token budget
 * as a system message, and returns them as citations in {@code message.context}. Runs before pseudonymization,
 * so it searches real text, and the privacy stage masks the injected passages like any other message. The
 * citations are attached to what comes back, outside the privacy stage, so the caller gets the real passage
 * text (its own data) and the model never sees them ({@code RetrievalPseudonymizationTest} in engine-server).
 * Thread-safe.
 */
final class RetrievalStage implements PipelineStage {
  /** The citations of the current request, for later stages (a tool loop re-using them, for example). */
  static final StageContext.Key<MessageContext> CITATIONS = new StageContext.Key<>("rag.citations",
      MessageContext.class);

  private final KnowledgeBase knowledgeBase;
  private final RagOptions options;

  RetrievalStage(KnowledgeBase knowledgeBase, RagOptions options) {
    this.knowledgeBase = knowledgeBase;
    this.options = options;
  }

  @Override
  public CompletionStream intercept(Chain chain) {
    RequestContext caller = chain.context().request();
    KnowledgeSources sources = KnowledgeSources.of(caller);
    if (sources.isEmpty()) {
      return chain.proceed(chain.request());
    }
    String query = ConversationQuery.of(chain.request().messages());
    if (query.isEmpty()) {
      return chain.proceed(chain.request());
    }
    SearchQuery search = new SearchQuery(KnowledgeBase.spaceOf(caller), query, options.mode(), options.topK(),
        options.minScore(), sources.collectionIds(), sources.fileIds());
    List<SearchHit> passages = ContextInjector.withinBudget(knowledgeBase.search(search),
        options.contextTokenBudget());
    if (passages.isEmpty()) {
      return chain.proceed(chain.request());
    }
    MessageContext context = new MessageContext(passages.stream()
        .map(h -> new MessageContext.Citation(h.content(), h.title(), h.sourceId(), h.chunkId(), h.score()))
        .toList());
    chain.context().put(CITATIONS, context);
    return chain.proceed(ContextInjector.inject(chain.request(), passages))
        .transform(new CitationAttacher(context));
  }
}
