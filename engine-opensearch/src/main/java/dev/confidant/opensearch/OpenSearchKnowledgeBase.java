package dev.confidant.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.api.EngineConfigException;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.Embedder;
import dev.confidant.rag.IngestionJob;
import dev.confidant.rag.IngestionListener;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.KnowledgeCollection;
import dev.confidant.rag.RagOptions;
import dev.confidant.rag.SearchHit;
import dev.confidant.rag.SearchMode;
import dev.confidant.rag.SearchQuery;
import dev.confidant.rag.internal.Ids;
import dev.confidant.rag.internal.IngestInputs;
import dev.confidant.rag.internal.chunk.Chunk;
import dev.confidant.rag.internal.index.Fields;
import dev.confidant.rag.internal.index.Languages;
import dev.confidant.rag.internal.index.Mapping;
import dev.confidant.rag.internal.index.SpaceIndex;
import dev.confidant.rag.internal.ingest.Ingestor;
import dev.confidant.rag.internal.ingest.Ingestor.PreparedDocument;
import dev.confidant.rag.internal.ingest.Job;
import dev.confidant.rag.spi.DurableIngestQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * A {@link KnowledgeBase} on OpenSearch 2.19 with the k-NN and neural-search plugins, shared by every node of a
 * cluster: what one node ingests, every node finds. Thread-safe: open once per process and share.
 *
 * <p>Each space is one index ({@code <indexPrefix><space in lower case>-<8 hex digits of its SHA-256>}: index names
 * are lower-case, space ids are not), holding, as the embedded index does, collection records, document records,
 * status records of pending and failed documents, and chunks. Documents are parsed, chunked and embedded in this
 * process exactly as the embedded index does it, so the same text gets the same chunks and vectors:
 * <ul>
 *   <li>BM25 over {@code text_en} and {@code text_de}, analyzed by OpenSearch's {@code english} and {@code german}
 *       analyzers (the same token filters as Lucene's {@code EnglishAnalyzer} and {@code GermanAnalyzer}); a chunk
 *       goes into the field of its language, and a query searches the field of its language when its stop words
 *       say so, else both;</li>
 *   <li>dense retrieval with a {@code knn_vector} field on the Lucene engine (HNSW, m = 16, ef_construction = 100,
 *       cosine similarity, whose score {@code (1 + cos) / 2} equals the embedded index's on unit vectors);</li>
 *   <li>hybrid retrieval with the neural-search {@code hybrid} query and a search pipeline (one per prefix) that
 *       min-max normalizes each ranking and averages them with equal weights, the fusion of the embedded
 *       index.</li>
 * </ul>
 * Chunk ids ({@code <sourceId>#<ordinal>}) and citations are those of the embedded index. Every record has a
 * deterministic id, so ingesting a document twice, or on two nodes, overwrites instead of indexing it twice.
 *
 * <p>Differences from the embedded index: a new version of a document replaces the old one chunk by chunk (the
 * chunks of the old version beyond the new one's count are deleted after the new ones are written), not in one
 * atomic commit; lists ({@link #collections}, {@link #documents}) return at most {@value #MAX_LISTED} entries;
 * without a {@link DurableIngestQueue} ingestion runs on the node that accepted it, so a pending status whose node
 * died stays pending ({@link #open(OpenSearchSettings, Embedder, RagOptions, DurableIngestQueue)} shares the jobs).
 * Retrieval quality matches the embedded index's: nDCG@10 of every mode within ±0.005 on three BEIR sets (the
 * module's README, "BEIR parity").
 */
public final class OpenSearchKnowledgeBase implements KnowledgeBase {
  /** The most entries a list returns: OpenSearch's default {@code index.max_result_window}. */
  public static final int MAX_LISTED = 10_000;
  /** The ordinal of a chunk within its document, to delete the chunks an older, longer version left. */
  static final String ORDINAL = "ordinal";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Words of a query kept per language field: OpenSearch refuses a query of more than 1,024 clauses. */
  private static final int MAX_QUERY_WORDS = 500;
  /** The index's BM25 similarity, with the embedded index's parameters. */
  private static final String BM25 = "confidant_bm25";
  /** Documents whose stale chunks one search looks for: 3 clauses each, within OpenSearch's 1,024 per query. */
  private static final int STALE_GROUP = 200;
  /** Records deleted per bulk request. */
  private static final int DELETE_PAGE = 1000;

  private final OpenSearchSettings settings;
  private final Embedder embedder;
  private final RagOptions options;
  private final OpenSearchTransport transport;
  private final OpenSearchClient client;
  private final Ingestor ingestor;
  private final String pipeline;
  /** Indexes known to exist, so that a search asks only once; bounded by the number of spaces. */
  private final Set<String> createdIndexes = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private OpenSearchKnowledgeBase(OpenSearchSettings settings, Embedder embedder, RagOptions options,
      @Nullable DurableIngestQueue ingestQueue) {
    this.settings = settings;
    this.embedder = embedder;
    this.options = options;
    this.transport = transport(settings);
    this.client = new OpenSearchClient(transport);
    this.ingestor = ingestQueue == null ? new Ingestor(embedder, options)
        : new Ingestor(embedder, options, ingestQueue, new Ingestor.DurableTarget() {
          @Override
          public Ingestor.BatchWriter writer(String spaceId) {
            return (collection, batch) -> writeBatch(spaceId, collection, batch);
          }

          @Override
          public Consumer<DocumentStatus> statusSink(String spaceId) {
            return status -> recordFailure(spaceId, status);
          }
        });
    this.pipeline = settings.indexPrefix() + "hybrid";
  }

  /**
   * Connects to OpenSearch, with ingestion jobs in a queue every node of a cluster shares (engine-postgres'
   * {@code PostgresStore.ingestQueue}): documents accepted on one node are ingested by whichever node's worker takes
   * them, and a job whose node died is finished by another. Otherwise as {@link #open(OpenSearchSettings, Embedder,
   * RagOptions)}.
   *
   * @param ingestQueue the shared queue, or {@code null} for this node's in-memory one
   */
  public static OpenSearchKnowledgeBase open(OpenSearchSettings settings, Embedder embedder, RagOptions options,
      @Nullable DurableIngestQueue ingestQueue) {
    if (embedder.dimension() < 1) {
      throw new EngineConfigException("the OpenSearch knowledge base needs an embedder with vectors (its index maps a"
          + " knn_vector field); Embedders.none() is for the Lucene knowledge base");
    }
    OpenSearchKnowledgeBase kb = new OpenSearchKnowledgeBase(settings, embedder, options, ingestQueue);
    try {
      kb.putPipeline();
    } catch (RuntimeException e) {
      kb.close();
      throw new IllegalStateException("cannot prepare OpenSearch at " + settings.url() + ": " + e.getMessage(), e);
    }
    return kb;
  }

  /**
   * Connects to OpenSearch and creates the hybrid search pipeline if missing; space indexes are created on first
   * write.
   *
   * @throws IllegalStateException if OpenSearch cannot be reached or lacks the neural-search plugin
   */
  public static OpenSearchKnowledgeBase open(OpenSearchSettings settings, Embedder embedder, RagOptions options) {
    return open(settings, embedder, options, null);
  }

  private static OpenSearchTransport transport(OpenSearchSettings settings) {
    var url = settings.url();
    HttpHost host = new HttpHost(url.getScheme(), url.getHost(),
        url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80);
    Timeout timeout = Timeout.ofMilliseconds(settings.timeout().toMillis());
    return ApacheHttpClient5TransportBuilder.builder(host)
        .setMapper(new JacksonJsonpMapper(JSON))
        .setRequestConfigCallback(r -> r.setResponseTimeout(timeout).setConnectionRequestTimeout(timeout))
        .setHttpClientConfigCallback(http -> {
          if (settings.user() != null) {
            var credentials = new BasicCredentialsProvider();
            credentials.setCredentials(new AuthScope(host), new UsernamePasswordCredentials(settings.user(),
                settings.password() == null ? new char[0] : settings.password().toCharArray()));
            http.setDefaultCredentialsProvider(credentials);
          }
          return http.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build());
        })
        .build();
  }

  /** The settings this knowledge base was opened with. */
  public OpenSearchSettings settings() {
    return settings;
  }

  /** The index of a space. */
  public String indexOf(String spaceId) {
    Ids.check("space_id", spaceId);
    return settings.indexPrefix() + spaceId.toLowerCase(Locale.ROOT) + "-"
        + HexFormat.of().formatHex(sha256(spaceId)).substring(0, 8);
  }

  // ---- collections ----

  @Override
  public KnowledgeCollection createCollection(String spaceId, String collectionId, String name) {
    Ids.check("collection_id", collectionId);
    String index = ensureIndex(spaceId);
    KnowledgeCollection collection = new KnowledgeCollection(spaceId, collectionId, name);
    try {
      client.create(c -> c.index(index).id(collectionKey(collectionId)).document(collectionRecord(collection))
          .refresh(Refresh.WaitFor));
    } catch (ResponseException e) {
      if (e.status() == 409) {
        throw InvalidRequestException.of(List.of("collection_id"),
            "collection '" + collectionId + "' already exists in space '" + spaceId + "'", "value_error");
      }
      throw failure("create collection", e);
    } catch (IOException e) {
      throw failure("create collection", e);
    }
    return collection;
  }

  @Override
  public KnowledgeCollection ensureCollection(String spaceId, String collectionId) {
    Ids.check("collection_id", collectionId);
    Optional<KnowledgeCollection> existing = collection(spaceId, collectionId);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      return createCollection(spaceId, collectionId, collectionId);
    } catch (InvalidRequestException e) {
      // Another node created it meanwhile.
      return collection(spaceId, collectionId).orElseThrow(() -> e);
    }
  }

  @Override
  public List<KnowledgeCollection> collections(String spaceId) {
    return find(spaceId, term(Fields.KIND, Fields.KIND_COLLECTION)).stream()
        .map(source -> toCollection(spaceId, source))
        .sorted(Comparator.comparing(KnowledgeCollection::id))
        .toList();
  }

  @Override
  public Optional<KnowledgeCollection> collection(String spaceId, String collectionId) {
    Ids.check("collection_id", collectionId);
    return get(spaceId, collectionKey(collectionId)).map(source -> toCollection(spaceId, source));
  }

  @Override
  public KnowledgeCollection renameCollection(String spaceId, String collectionId, String newName) {
    requireCollection(spaceId, collectionId);
    KnowledgeCollection renamed = new KnowledgeCollection(spaceId, collectionId, newName);
    try {
      client.index(i -> i.index(indexOf(spaceId)).id(collectionKey(collectionId)).document(collectionRecord(renamed))
          .refresh(Refresh.WaitFor));
    } catch (IOException e) {
      throw failure("rename collection", e);
    }
    return renamed;
  }

  private KnowledgeCollection requireCollection(String spaceId, String collectionId) {
    return collection(spaceId, collectionId).orElseThrow(() -> InvalidRequestException.of(
        List.of("collection_id"),
        "collection '" + collectionId + "' not found in space '" + spaceId + "'", "not_found"));
  }

  /**
   * {@inheritDoc} The deleted chunks are expunged from the index's segments by a force merge that runs in the
   * background after this returns.
   */
  @Override
  public boolean deleteCollection(String spaceId, String collectionId) {
    if (collection(spaceId, collectionId).isEmpty()) {
      return false;
    }
    // The collection record, its documents' records, their statuses and chunks all carry the collection id.
    deleteWhere(spaceId, term(Fields.COLLECTION_ID, collectionId));
    return true;
  }

  // ---- ingestion and documents ----

  @Override
  public IngestionJob ingest(String spaceId, String collectionId, List<DocumentInput> documents,
      IngestionListener listener) {
    requireCollection(spaceId, collectionId);
    List<String> sourceIds = IngestInputs.sourceIds(collectionId, documents, options);
    String index = indexOf(spaceId);
    // Queued first, so that a full queue refuses the job before anything is written; its workers wait until the
    // pending records are written.
    Job job = ingestor.submit((collection, batch) -> writeBatch(spaceId, collection, batch), spaceId, collectionId,
        documents, sourceIds, listener, status -> recordFailure(spaceId, status));
    if (!documents.isEmpty()) {
      List<BulkOperation> pending = new ArrayList<>();
      for (int i = 0; i < documents.size(); i++) {
        ObjectNode record = statusRecord(new DocumentStatus(sourceIds.get(i), collectionId,
            Ingestor.titleOf(documents.get(i)), DocumentStatus.State.PENDING, 0, null));
        String id = statusKey(sourceIds.get(i));
        pending.add(BulkOperation.of(b -> b.index(op -> op.index(index).id(id).document(record))));
      }
      try {
        bulk(pending);
      } catch (RuntimeException e) {
        job.abort(e);
        throw e;
      }
    }
    job.release();
    return job;
  }

  /**
   * Writes a batch: each document's record and chunks, and the deletion of its status record, in one bulk request;
   * then the chunks an older, longer version of a document left. Every id is deterministic, so a retried batch
   * overwrites what an interrupted one wrote.
   */
  private boolean writeBatch(String spaceId, String collectionId, List<PreparedDocument> batch) {
    if (collection(spaceId, collectionId).isEmpty()) {
      return false;
    }
    String index = indexOf(spaceId);
    List<BulkOperation> ops = new ArrayList<>();
    for (PreparedDocument p : batch) {
      ObjectNode record = JSON.createObjectNode()
          .put(Fields.KIND, Fields.KIND_DOCUMENT)
          .put(Fields.SOURCE_ID, p.sourceId())
          .put(Fields.COLLECTION_ID, collectionId)
          .put(Fields.TITLE, p.title())
          .put(Fields.CHUNKS, p.chunks().size());
      ops.add(BulkOperation.of(b -> b.index(op -> op.index(index).id(documentKey(p.sourceId())).document(record))));
      for (int i = 0; i < p.chunks().size(); i++) {
        ObjectNode chunk = chunkRecord(collectionId, p, i);
        String id = Fields.KIND_CHUNK + ":" + chunk.get(Fields.CHUNK_ID).asText();
        ops.add(BulkOperation.of(b -> b.index(op -> op.index(index).id(id).document(chunk))));
      }
      ops.add(BulkOperation.of(b -> b.delete(op -> op.index(index).id(statusKey(p.sourceId())))));
    }
    bulk(ops);
    // One search for the stale chunks of a whole group of documents, not one per document (which, with a merge
    // request each, was most of the time an OpenSearch ingestion took).
    for (int from = 0; from < batch.size(); from += STALE_GROUP) {
      List<Query> stale = batch.subList(from, Math.min(batch.size(), from + STALE_GROUP)).stream()
          .map(p -> bool(List.of(term(Fields.SOURCE_ID, p.sourceId()), Query.of(q -> q.range(r -> r.field(ORDINAL)
              .gte(org.opensearch.client.json.JsonData.of(p.chunks().size())))))))
          .toList();
      deleteWhere(spaceId, bool(List.of(term(Fields.KIND, Fields.KIND_CHUNK),
          Query.of(q -> q.bool(b -> b.should(stale).minimumShouldMatch("1"))))));
    }
    return true;
  }

  private ObjectNode chunkRecord(String collectionId, PreparedDocument p, int i) {
    Chunk chunk = p.chunks().get(i);
    String chunkTitle = Mapping.chunkTitle(p.title(), chunk);
    String indexed = p.texts().get(i);
    ObjectNode doc = JSON.createObjectNode()
        .put(Fields.KIND, Fields.KIND_CHUNK)
        .put(Fields.SOURCE_ID, p.sourceId())
        .put(Fields.COLLECTION_ID, collectionId)
        .put(Fields.CHUNK_ID, p.sourceId() + "#" + chunk.ordinal())
        .put(ORDINAL, chunk.ordinal())
        .put(Fields.TITLE, chunkTitle)
        .put(Fields.CONTENT, chunk.text())
        .put(Languages.fieldFor(indexed), indexed);
    if (chunk.page() != null) {
      doc.put(Fields.PAGE, chunk.page());
    }
    ArrayNode vector = doc.putArray(Fields.VECTOR);
    for (float v : p.vectors().get(i)) {
      vector.add(v);
    }
    return doc;
  }

  /** Persists a failure with its reason; the pending record was written by {@link #ingest}. */
  private void recordFailure(String spaceId, DocumentStatus status) {
    if (status.state() != DocumentStatus.State.FAILED) {
      return;
    }
    try {
      client.index(i -> i.index(indexOf(spaceId)).id(statusKey(status.sourceId())).document(statusRecord(status))
          .refresh(Refresh.WaitFor));
    } catch (IOException | RuntimeException e) {
      // The job still reports the failure; the pending record stays.
    }
  }

  @Override
  public boolean removeDocument(String spaceId, String sourceId) {
    Ids.check("source_id", sourceId);
    if (get(spaceId, documentKey(sourceId)).isEmpty() && get(spaceId, statusKey(sourceId)).isEmpty()) {
      return false;
    }
    deleteWhere(spaceId, term(Fields.SOURCE_ID, sourceId));
    return true;
  }

  @Override
  public Optional<DocumentStatus> documentStatus(String spaceId, String sourceId) {
    Ids.check("source_id", sourceId);
    // A status record (pending or failed) is newer than the document record: it is about a later version.
    Optional<DocumentStatus> transientStatus = get(spaceId, statusKey(sourceId)).map(OpenSearchKnowledgeBase::toStatus);
    return transientStatus.isPresent() ? transientStatus
        : get(spaceId, documentKey(sourceId)).map(OpenSearchKnowledgeBase::toStatus);
  }

  @Override
  public List<DocumentStatus> documents(String spaceId, String collectionId) {
    Ids.check("collection_id", collectionId);
    Map<String, DocumentStatus> bySource = new TreeMap<>();
    List<DocumentStatus> documents = find(spaceId, bool(List.of(term(Fields.KIND, Fields.KIND_DOCUMENT),
        term(Fields.COLLECTION_ID, collectionId)))).stream().map(OpenSearchKnowledgeBase::toStatus).toList();
    documents.forEach(d -> bySource.put(d.sourceId(), d));
    // As the embedded index: a status record is about a later version, so it wins; one in another collection means
    // the source is being moved there and is no longer listed here.
    find(spaceId, term(Fields.KIND, Fields.KIND_STATUS)).stream().map(OpenSearchKnowledgeBase::toStatus)
        .forEach(st -> {
          if (st.collectionId().equals(collectionId)) {
            bySource.put(st.sourceId(), st);
          } else {
            bySource.remove(st.sourceId());
          }
        });
    return List.copyOf(bySource.values());
  }

  // ---- search ----

  @Override
  public List<SearchHit> search(SearchQuery query) {
    String index = indexOf(query.spaceId());
    if (query.text().isBlank() || !createdIndexes.contains(index) && !indexExists(index)) {
      return List.of();
    }
    createdIndexes.add(index);
    @Nullable Query scope = scope(query.collectionIds(), query.sourceIds());
    // Fusion needs deeper lists than k: a document ranked low by one method may rank high after fusion.
    int depth = query.mode() == SearchMode.HYBRID ? Math.max(2 * query.k(), 100) : query.k();
    Query chosen = switch (query.mode()) {
      case BM25 -> lexical(index, query.text(), scope);
      case DENSE -> dense(query.text(), scope, depth);
      // pagination_depth: each sub-query's list is `depth` long, as the embedded fusion's, while only k hits come
      // back (returning all `depth` fused hits with their content made a hybrid query several times slower).
      case HYBRID -> Query.of(q -> q.hybrid(h -> h.paginationDepth(depth).queries(lexical(index, query.text(),
          scope), dense(query.text(), scope, depth))));
    };
    SearchResponse<ObjectNode> response;
    try {
      response = client.search(s -> {
        s.index(index).size(query.k()).query(chosen)
            .source(src -> src.filter(f -> f.excludes(Fields.VECTOR, Fields.TEXT_EN, Fields.TEXT_DE)));
        if (query.mode() == SearchMode.HYBRID) {
          s.pipeline(pipeline);
        }
        return s;
      }, ObjectNode.class);
    } catch (IOException e) {
      throw failure("search", e);
    }
    List<SearchHit> hits = new ArrayList<>();
    for (Hit<ObjectNode> hit : response.hits().hits()) {
      double score = hit.score() == null ? 0 : hit.score();
      if (hits.size() == query.k() || score < query.minScore()) {
        break;
      }
      ObjectNode s = hit.source();
      if (s == null) {
        continue;
      }
      hits.add(new SearchHit(s.path(Fields.SOURCE_ID).asText(), s.path(Fields.CHUNK_ID).asText(),
          s.path(Fields.COLLECTION_ID).asText(), s.path(Fields.TITLE).asText(), s.path(Fields.CONTENT).asText(),
          s.hasNonNull(Fields.PAGE) ? s.get(Fields.PAGE).asInt() : null, score));
    }
    return hits;
  }

  /** Chunks of the given collections or sources (a chunk matches either), or {@code null} for the whole space. */
  private static @Nullable Query scope(List<String> collectionIds, List<String> sourceIds) {
    if (collectionIds.isEmpty() && sourceIds.isEmpty()) {
      return null;
    }
    List<Query> scopes = new ArrayList<>(2);
    if (!collectionIds.isEmpty()) {
      scopes.add(terms(Fields.COLLECTION_ID, collectionIds));
    }
    if (!sourceIds.isEmpty()) {
      scopes.add(terms(Fields.SOURCE_ID, sourceIds));
    }
    return scopes.size() == 1 ? scopes.getFirst()
        : Query.of(q -> q.bool(b -> b.should(scopes).minimumShouldMatch("1")));
  }

  /**
   * BM25 over the language fields a query searches: the field of the query's language when its stop words say so
   * clearly and the index has chunks of that language, else both (a chunk is in one field only, so the sum over
   * the two equals its own field's score, as in the embedded index).
   */
  private Query lexical(String index, String text, @Nullable Query scope) {
    String words = firstWords(text);
    List<String> fields = Languages.detect(text).filter(field -> hasField(index, field))
        .map(List::of).orElse(List.of(Fields.TEXT_EN, Fields.TEXT_DE));
    List<Query> matches = fields.stream()
        .map(field -> Query.of(q -> q.match(m -> m.field(field).query(FieldValue.of(words)))))
        .toList();
    return Query.of(q -> q.bool(b -> {
      b.should(matches).minimumShouldMatch("1");
      if (scope != null) {
        b.filter(scope);
      }
      return b;
    }));
  }

  private static String firstWords(String text) {
    String[] words = text.strip().split("\\s+");
    return words.length <= MAX_QUERY_WORDS ? text : String.join(" ", List.of(words).subList(0, MAX_QUERY_WORDS));
  }

  private boolean hasField(String index, String field) {
    try {
      return client.count(c -> c.index(index).query(q -> q.exists(e -> e.field(field)))).count() > 0;
    } catch (IOException e) {
      throw failure("count", e);
    }
  }

  private Query dense(String text, @Nullable Query scope, int k) {
    float[] vector = embedder.embed(List.of(text)).getFirst();
    return Query.of(q -> q.knn(knn -> {
      knn.field(Fields.VECTOR).vector(vector).k(Math.max(1, k));
      if (scope != null) {
        knn.filter(scope);
      }
      return knn;
    }));
  }

  // ---- index management ----

  /** The space's index, created with its mapping if missing. */
  private String ensureIndex(String spaceId) {
    String index = indexOf(spaceId);
    if (closed) {
      throw new IllegalStateException("knowledge base on " + settings.url() + " is closed");
    }
    if (createdIndexes.contains(index) || indexExists(index)) {
      createdIndexes.add(index);
      return index;
    }
    RawResponse r = raw("PUT", "/" + index, indexDefinition(spaceId));
    if (r.status() != 200 && !r.body().contains("resource_already_exists_exception")) {
      throw new IllegalStateException("OpenSearch refused to create index " + index + ": HTTP " + r.status() + " "
          + r.body());
    }
    createdIndexes.add(index);
    return index;
  }

  private boolean indexExists(String index) {
    try {
      return client.indices().exists(e -> e.index(index)).value();
    } catch (IOException e) {
      throw failure("check index", e);
    }
  }

  private String indexDefinition(String spaceId) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode index = root.putObject("settings").putObject("index");
    index.put("number_of_shards", settings.shards()).put("number_of_replicas", settings.replicas())
        .put("knn", true);
    // The embedded index's BM25 parameters (k1 0.9, b 0.4), not OpenSearch's defaults (1.2, 0.75): the same
    // rankings, and the same nDCG@10 on BEIR (engine-opensearch README).
    index.putObject("similarity").putObject(BM25).put("type", "BM25")
        .put("k1", SpaceIndex.BM25_K1).put("b", SpaceIndex.BM25_B);
    ObjectNode mappings = root.putObject("mappings");
    mappings.putObject("_meta").put("space_id", spaceId).put("embedder", embedder.name())
        .put("dimension", embedder.dimension());
    mappings.put("dynamic", "strict");
    ObjectNode p = mappings.putObject("properties");
    for (String keyword : List.of(Fields.KIND, Fields.SOURCE_ID, Fields.COLLECTION_ID, Fields.CHUNK_ID,
        Fields.STATE)) {
      p.putObject(keyword).put("type", "keyword");
    }
    for (String stored : List.of(Fields.NAME, Fields.TITLE, Fields.CONTENT, Fields.REASON)) {
      p.putObject(stored).put("type", "text").put("index", false);
    }
    p.putObject(Fields.PAGE).put("type", "integer");
    p.putObject(Fields.CHUNKS).put("type", "integer");
    p.putObject(ORDINAL).put("type", "integer");
    p.putObject(Fields.TEXT_EN).put("type", "text").put("analyzer", "english").put("similarity", BM25);
    p.putObject(Fields.TEXT_DE).put("type", "text").put("analyzer", "german").put("similarity", BM25);
    ObjectNode vector = p.putObject(Fields.VECTOR).put("type", "knn_vector").put("dimension", embedder.dimension());
    // The k-NN plugin here has no native libraries: every knn_vector must use the Lucene engine.
    vector.putObject("method").put("name", "hnsw").put("engine", "lucene").put("space_type", "cosinesimil")
        .putObject("parameters").put("m", 16).put("ef_construction", 100);
    return root.toString();
  }

  /** The search pipeline of hybrid queries: min-max normalization, then the arithmetic mean with equal weights. */
  private void putPipeline() {
    String body = """
        {"description": "Confidant hybrid retrieval: min-max normalised BM25 and k-NN, averaged",
         "phase_results_processors": [{"normalization-processor": {
           "normalization": {"technique": "min_max"},
           "combination": {"technique": "arithmetic_mean", "parameters": {"weights": [0.5, 0.5]}}}}]}""";
    RawResponse r = raw("PUT", "/_search/pipeline/" + pipeline, body);
    if (r.status() != 200) {
      throw new IllegalStateException("HTTP " + r.status() + " " + r.body() + " (is the neural-search plugin"
          + " installed?)");
    }
  }

  // ---- helpers ----

  private Optional<ObjectNode> get(String spaceId, String id) {
    String index = indexOf(spaceId);
    try {
      var response = client.get(g -> g.index(index).id(id), ObjectNode.class);
      return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
    } catch (OpenSearchException e) {
      if (e.status() == 404) {
        return Optional.empty(); // the space's index does not exist yet
      }
      throw e;
    } catch (IOException e) {
      throw failure("get", e);
    }
  }

  private List<ObjectNode> find(String spaceId, Query query) {
    String index = indexOf(spaceId);
    try {
      SearchResponse<ObjectNode> response = client.search(s -> s.index(index).ignoreUnavailable(true)
          .size(MAX_LISTED).query(q -> q.constantScore(c -> c.filter(query))), ObjectNode.class);
      return response.hits().hits().stream().map(Hit::source).filter(s -> s != null).toList();
    } catch (IOException e) {
      throw failure("search", e);
    }
  }

  /**
   * Deletes every record matching a query, a page of ids at a time, each page refreshed before the next is read.
   * Searching and bulk-deleting, rather than {@code _delete_by_query}, needs no reindex module.
   */
  private void deleteWhere(String spaceId, Query query) {
    String index = indexOf(spaceId);
    boolean deleted = false;
    while (true) {
      List<String> ids;
      try {
        ids = client.search(s -> s.index(index).ignoreUnavailable(true).size(DELETE_PAGE).source(src -> src
            .fetch(false)).query(q -> q.constantScore(c -> c.filter(query))), ObjectNode.class)
            .hits().hits().stream().map(Hit::id).toList();
      } catch (IOException e) {
        throw failure("search", e);
      }
      if (ids.isEmpty()) {
        break;
      }
      bulk(ids.stream().map(id -> BulkOperation.of(b -> b.delete(d -> d.index(index).id(id)))).toList());
      deleted = true;
    }
    if (deleted) {
      // Expunges the deleted text from the segments, in the background.
      raw("POST", "/" + index + "/_forcemerge?only_expunge_deletes=true&wait_for_completion=false", null);
    }
  }

  private void bulk(List<BulkOperation> ops) {
    BulkResponse response;
    try {
      response = client.bulk(b -> b.operations(ops).refresh(Refresh.WaitFor));
    } catch (IOException e) {
      throw failure("bulk write", e);
    }
    if (response.errors()) {
      for (BulkResponseItem item : response.items()) {
        // Deleting a status record that is not there is no error.
        if (item.error() != null && !(item.status() == 404)) {
          throw new IllegalStateException("OpenSearch refused " + item.id() + ": " + item.error().reason());
        }
      }
    }
  }

  private record RawResponse(int status, String body) {}

  /** A request the typed client has no shape for (index definitions, search pipelines). */
  private RawResponse raw(String method, String endpoint, @Nullable String json) {
    var request = Requests.builder().method(method).endpoint(endpoint);
    if (json != null) {
      request.body(Body.from(json.getBytes(StandardCharsets.UTF_8), "application/json"));
    }
    try (Response response = client.generic().execute(request.build())) {
      return new RawResponse(response.getStatus(), response.getBody().map(Body::bodyAsString).orElse(""));
    } catch (IOException e) {
      throw failure(method + " " + endpoint, e);
    }
  }

  private UncheckedIOException failure(String what, IOException e) {
    return new UncheckedIOException("OpenSearch at " + settings.url() + " failed to " + what + ": " + e.getMessage(),
        e);
  }

  private static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
  }

  private static Query terms(String field, List<String> values) {
    List<FieldValue> list = values.stream().map(FieldValue::of).toList();
    return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(list))));
  }

  private static Query bool(List<Query> filters) {
    return Query.of(q -> q.bool(b -> b.filter(filters)));
  }

  private static String collectionKey(String collectionId) {
    return Fields.KIND_COLLECTION + ":" + collectionId;
  }

  private static String documentKey(String sourceId) {
    return Fields.KIND_DOCUMENT + ":" + sourceId;
  }

  private static String statusKey(String sourceId) {
    return Fields.KIND_STATUS + ":" + sourceId;
  }

  private static ObjectNode collectionRecord(KnowledgeCollection c) {
    return JSON.createObjectNode().put(Fields.KIND, Fields.KIND_COLLECTION).put(Fields.COLLECTION_ID, c.id())
        .put(Fields.NAME, c.name());
  }

  private static KnowledgeCollection toCollection(String spaceId, ObjectNode source) {
    return new KnowledgeCollection(spaceId, source.path(Fields.COLLECTION_ID).asText(),
        source.path(Fields.NAME).asText());
  }

  private static ObjectNode statusRecord(DocumentStatus status) {
    ObjectNode node = JSON.createObjectNode().put(Fields.KIND, Fields.KIND_STATUS)
        .put(Fields.SOURCE_ID, status.sourceId()).put(Fields.COLLECTION_ID, status.collectionId())
        .put(Fields.TITLE, status.title()).put(Fields.STATE, status.state().name());
    if (status.reason() != null) {
      node.put(Fields.REASON, status.reason());
    }
    return node;
  }

  /** The status of a status record (pending or failed) or of a document record (indexed). */
  private static DocumentStatus toStatus(ObjectNode source) {
    boolean indexed = Fields.KIND_DOCUMENT.equals(source.path(Fields.KIND).asText());
    return new DocumentStatus(source.path(Fields.SOURCE_ID).asText(), source.path(Fields.COLLECTION_ID).asText(),
        source.path(Fields.TITLE).asText(),
        indexed ? DocumentStatus.State.INDEXED : DocumentStatus.State.valueOf(source.path(Fields.STATE).asText()),
        indexed ? source.path(Fields.CHUNKS).asInt() : 0,
        source.hasNonNull(Fields.REASON) ? source.get(Fields.REASON).asText() : null);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Waits for queued ingestion to stop (pending documents are never acknowledged) and closes the connections. */
  @Override
  public void close() {
    closed = true;
    ingestor.close();
    try {
      transport.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the connection to OpenSearch", e);
    }
  }
}
