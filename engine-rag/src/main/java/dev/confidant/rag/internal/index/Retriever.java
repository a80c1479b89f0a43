package dev.confidant.rag.internal.index;

import dev.confidant.api.InvalidRequestException;
import dev.confidant.rag.Embedder;
import dev.confidant.rag.SearchHit;
import dev.confidant.rag.SearchMode;
import dev.confidant.rag.SearchQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * BM25, dense and hybrid ({@link #FUSION}) retrieval over a {@link SpaceIndex}. Thread-safe.
 */
public final class Retriever {
  /**
   * Hybrid fusion: the convex combination of min-max normalised BM25 and dense scores, with equal weights. It
   * replaced reciprocal rank fusion (k = 60), which barely beat BM25 alone; equal weights are the untuned
   * choice, and on SciFact (dev) the figures are flat from 0.5 to 0.7 (engine-rag/README.md, Evaluation).
   */
  static final Fusion FUSION = new Fusion.Convex(0.5);
  /** Lucene's default clause limit is 1024; longer queries keep their first terms (split among the fields). */
  private static final int MAX_QUERY_TERMS = 1000;

  private final Embedder embedder;
  private final Analyzer analyzer = Languages.indexAnalyzer();

  public Retriever(Embedder embedder) {
    this.embedder = embedder;
  }

  /** Runs a query against the space's index; hits best first. */
  public List<SearchHit> search(SpaceIndex index, SearchQuery query) {
    SearchMode mode = query.mode();
    if (embedder.dimension() == 0) { // Embedders.none(): BM25 only
      if (mode == SearchMode.DENSE) {
        throw InvalidRequestException.of(List.of("mode"), "dense search needs an embedder; this knowledge base"
            + " has none (Embedders.none(), BM25 only): search with mode bm25 or hybrid", "value_error");
      }
      mode = SearchMode.BM25;
    }
    @Nullable Query filter = filter(query.collectionIds(), query.sourceIds());
    // Fusion needs deeper lists than k: a document ranked low by one method may rank high after fusion.
    int depth = mode == SearchMode.HYBRID ? Math.max(2 * query.k(), 100) : query.k();
    SearchMode ranking = mode;
    return index.read(searcher -> {
      List<ScoreDoc> ranked = switch (ranking) {
        case BM25 -> lexical(searcher, query.text(), filter, depth);
        case DENSE -> dense(searcher, query.text(), filter, depth);
        case HYBRID -> FUSION.fuse(lexical(searcher, query.text(), filter, depth),
            dense(searcher, query.text(), filter, depth));
      };
      List<SearchHit> hits = new ArrayList<>();
      StoredFields stored = searcher.storedFields();
      for (ScoreDoc sd : ranked) {
        if (hits.size() == query.k() || sd.score < query.minScore()) {
          break;
        }
        hits.add(toHit(stored.document(sd.doc), sd.score));
      }
      return hits;
    });
  }

  private static SearchHit toHit(Document doc, double score) {
    var page = doc.getField(Fields.PAGE);
    return new SearchHit(doc.get(Fields.SOURCE_ID), doc.get(Fields.CHUNK_ID), doc.get(Fields.COLLECTION_ID),
        doc.get(Fields.TITLE), doc.get(Fields.CONTENT), page == null ? null : page.numericValue().intValue(),
        score);
  }

  /**
   * The scope of a search: chunks of the given collections or sources (a chunk matches either), or
   * {@code null} when neither is given. No clause restricts hits to chunks: only chunks carry the text fields
   * and the vector field, so a BM25 or vector query cannot match a collection or document record anyway, and
   * a filter that matches nearly every document would only cost time (it puts the scorer under a conjunction).
   */
  static @Nullable Query filter(List<String> collectionIds, List<String> sourceIds) {
    if (collectionIds.isEmpty() && sourceIds.isEmpty()) {
      return null;
    }
    List<Query> scopes = new ArrayList<>(2);
    if (!collectionIds.isEmpty()) {
      scopes.add(new TermInSetQuery(Fields.COLLECTION_ID, collectionIds.stream().map(BytesRef::new).toList()));
    }
    if (!sourceIds.isEmpty()) {
      scopes.add(new TermInSetQuery(Fields.SOURCE_ID, sourceIds.stream().map(BytesRef::new).toList()));
    }
    if (scopes.size() == 1) {
      return scopes.getFirst();
    }
    BooleanQuery.Builder either = new BooleanQuery.Builder();
    scopes.forEach(q -> either.add(q, Occur.SHOULD));
    return either.build();
  }

  /**
   * The BM25 query: one clause per query token, repeated tokens included (the scoring of Lucene's classic
   * QueryParser, so that figures compare with a plain-Lucene BM25 baseline), over the language fields to
   * search ({@link #lexicalFields}).
   *
   * @implNote With two fields the clauses of both go into one disjunction. A chunk is indexed into exactly one
   *     language field, so its score is the sum over its own field only, the same as a dis-max over per-field
   *     queries, while Lucene builds one MAXSCORE scorer per segment instead of two plus a dis-max on top.
   */
  Query lexicalQuery(IndexReader reader, String text) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int clauses = 0;
    List<String> fields = lexicalFields(reader, text);
    for (String field : fields) {
      List<String> terms = analyze(field, text);
      for (String term : terms.subList(0, Math.min(terms.size(), MAX_QUERY_TERMS / fields.size()))) {
        b.add(new TermQuery(new Term(field, term)), Occur.SHOULD);
        clauses++;
      }
    }
    return clauses == 0 ? new MatchNoDocsQuery("no query terms") : b.build();
  }

  /**
   * The language fields a query searches: only fields some chunk of the index has (an English-only space
   * never pays for German analysis and scoring), and of two, only the query's language when its stop words
   * say so clearly ({@link Languages#detect}); a query without that signal, such as a few keywords, searches
   * both.
   */
  static List<String> lexicalFields(IndexReader reader, String text) {
    boolean en = false;
    boolean de = false;
    try {
      for (LeafReaderContext leaf : reader.leaves()) {
        en |= leaf.reader().terms(Fields.TEXT_EN) != null;
        de |= leaf.reader().terms(Fields.TEXT_DE) != null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (en && de) {
      return Languages.detect(text).map(List::of).orElse(List.of(Fields.TEXT_EN, Fields.TEXT_DE));
    }
    return de ? List.of(Fields.TEXT_DE) : List.of(Fields.TEXT_EN);
  }

  private List<ScoreDoc> lexical(IndexSearcher searcher, String text, @Nullable Query filter, int n)
      throws IOException {
    Query query = lexicalQuery(searcher.getIndexReader(), text);
    if (filter != null) {
      query = new BooleanQuery.Builder().add(query, Occur.MUST).add(filter, Occur.FILTER).build();
    }
    return List.of(topDocs(searcher, query, n).scoreDocs);
  }

  /**
   * The top {@code n} without counting all hits exactly: with the threshold at {@code n}, the collector raises
   * its minimum competitive score as soon as it holds {@code n} hits, and MAXSCORE/WAND skip the blocks that
   * cannot beat it ({@link IndexSearcher#search(Query, int)} counts the first 1,000 hits first).
   */
  private static TopDocs topDocs(IndexSearcher searcher, Query query, int n) throws IOException {
    int hits = Math.max(1, n);
    return searcher.search(query, new TopScoreDocCollectorManager(hits, null, hits));
  }

  private List<String> analyze(String field, String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  private List<ScoreDoc> dense(IndexSearcher searcher, String text, @Nullable Query filter, int n)
      throws IOException {
    if (text.isBlank()) {
      return List.of();
    }
    float[] vector = embedder.embed(List.of(text)).getFirst();
    return List.of(searcher.search(new KnnFloatVectorQuery(Fields.VECTOR, vector, Math.max(1, n), filter),
        Math.max(1, n)).scoreDocs);
  }
}
