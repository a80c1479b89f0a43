package dev.confidant.postgres.internal;

import dev.confidant.api.LimitExceededException;
import dev.confidant.rag.DocumentFormat;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.IngestLimits;
import dev.confidant.rag.spi.DurableIngestQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * {@link DurableIngestQueue} in PostgreSQL (tables in {@code V3__ingest_jobs.sql}), shared by every node of a cluster.
 *
 * <p>Each space has a row that is its lease: {@link #take} picks, among spaces with documents to hand out and no
 * live lease, the one served least recently ({@code SELECT ... FOR UPDATE SKIP LOCKED}, so nodes taking at the same
 * time pick different spaces and never wait for each other), leases it to a fresh owner id until now + the lease
 * duration (the database's clock, so nodes' clocks do not matter), and hands out its first documents in offer order.
 * While the lease is live no other node gets the space's documents; when it runs out (the node died or stalled) the
 * same documents are handed out again, their attempt counted. {@link Lease#complete} records the outcomes (content
 * dropped) and frees the space.
 *
 * <p>Bounds, as the embedded queue's ({@link IngestLimits}): documents and bytes waiting or in progress per space
 * (checked under the space row's lock, so exact across nodes) and bytes in all spaces (checked without a global
 * lock: concurrent offers to different spaces may pass it by one job each). Offered documents are held until
 * {@link #release}, or for {@link #HOLD} if their node dies first. Outcomes are kept {@link #KEEP_OUTCOMES} for the
 * accepting node to read, then deleted by a sweep that a take runs at most once a minute. Document contents are
 * stored as uploaded until ingested (as the knowledge base stores chunk text).
 *
 * <p>A release, a completed batch and a batch given back send a {@code NOTIFY} ({@link IngestNotices}) in their
 * transaction, which {@link #subscribe}rs on every node receive: idle workers take at once instead of at their next
 * poll, and the accepting node reads its outcomes. Thread-safe.
 */
public final class PostgresIngestQueue implements DurableIngestQueue {
  /** How long offered documents wait for their release before they are handed out anyway. */
  static final Duration HOLD = Duration.ofMinutes(2);
  /** How long a completed document's outcome is kept. */
  static final Duration KEEP_OUTCOMES = Duration.ofHours(1);
  /** What a refused client is told to wait. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);
  private static final long SWEEP_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
  /**
   * Names this node in the lease owners it writes (host name and process id, then a random id per lease), so that an
   * operator, or a test, sees which node holds which space.
   */
  static final String NODE = java.util.Objects.requireNonNullElse(System.getenv("HOSTNAME"), "node") + ":"
      + ProcessHandle.current().pid();
  private static final String WAITING = "(d.state = 'QUEUED' OR (d.state = 'HELD' AND d.held_until < clock_timestamp()))";

  private final DataSource db;
  private final IngestLimits limits;
  private final Duration lease;
  private final IngestNotices notices;
  private final Duration connectTimeout;
  private final AtomicLong nextSweep = new AtomicLong(System.nanoTime());

  /**
   * @param notices the store's notices between nodes
   * @param connectTimeout the longest {@link #subscribe} waits for the listener's first connection
   */
  public PostgresIngestQueue(DataSource db, IngestLimits limits, Duration lease, IngestNotices notices,
      Duration connectTimeout) {
    if (lease.toMillis() < 1000) {
      throw new IllegalArgumentException("the ingestion lease must last at least 1 s, was " + lease);
    }
    this.db = db;
    this.limits = limits;
    this.lease = lease;
    this.notices = notices;
    this.connectTimeout = connectTimeout;
  }

  /**
   * {@inheritDoc} Here a {@code LISTEN} on a connection of its own, shared by this queue's subscribers; returns once
   * it listens, or after the connect timeout if PostgreSQL cannot be reached (it keeps trying every
   * {@link IngestNotices#RECONNECT}).
   */
  @Override
  public Subscription subscribe(Runnable listener) {
    return notices.subscribe(listener, connectTimeout);
  }

  @Override
  public Duration leaseDuration() {
    return lease;
  }

  @Override
  public List<Long> offer(String spaceId, List<QueuedDocument> documents) {
    if (documents.isEmpty()) {
      return List.of();
    }
    long size = documents.stream().mapToLong(d -> d.content().length).sum();
    return Sql.transaction(db, "queue documents for ingestion", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO confidant_ingest_space (space_id) VALUES (?) ON CONFLICT DO NOTHING")) {
        s.setString(1, spaceId);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(
          "SELECT 1 FROM confidant_ingest_space WHERE space_id = ? FOR NO KEY UPDATE")) {
        s.setString(1, spaceId);
        s.executeQuery().close();
      }
      long[] queued = queued(c, spaceId);
      if (queued[0] + documents.size() > limits.maxQueuedDocumentsPerSpace()) {
        throw new LimitExceededException("space '" + spaceId + "' has " + queued[0] + " documents waiting for "
            + "ingestion; " + documents.size() + " more would pass its bound of "
            + limits.maxQueuedDocumentsPerSpace() + " (IngestLimits.maxQueuedDocumentsPerSpace); retry when some "
            + "are indexed", RETRY_AFTER);
      }
      if (queued[1] + size > limits.maxQueuedBytesPerSpace()) {
        throw new LimitExceededException("documents of space '" + spaceId + "' waiting for ingestion hold "
            + queued[1] + " bytes; " + size + " more would pass its bound of " + limits.maxQueuedBytesPerSpace()
            + " (IngestLimits.maxQueuedBytesPerSpace); retry when some are indexed", RETRY_AFTER);
      }
      long all = queued(c, null)[1];
      if (all + size > limits.maxQueuedBytes()) {
        throw new LimitExceededException("documents waiting for ingestion hold " + all + " bytes; " + size
            + " more would pass the bound of " + limits.maxQueuedBytes() + " (IngestLimits.maxQueuedBytes); retry "
            + "later", RETRY_AFTER);
      }
      List<Long> ids = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("""
          INSERT INTO confidant_ingest_document (space_id, collection_id, source_id, title, file_name, format,
            content, bytes, state, held_until)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'HELD', clock_timestamp() + ? * interval '1 millisecond') RETURNING id""")) {
        for (QueuedDocument d : documents) {
          s.setString(1, spaceId);
          s.setString(2, d.collectionId());
          s.setString(3, d.sourceId());
          s.setString(4, d.title());
          s.setString(5, d.fileName());
          s.setString(6, d.format() == null ? null : d.format().name());
          s.setBytes(7, d.content());
          s.setLong(8, d.content().length);
          s.setLong(9, HOLD.toMillis());
          try (ResultSet r = s.executeQuery()) {
            r.next();
            ids.add(r.getLong(1));
          }
        }
      }
      return ids;
    });
  }

  /** Documents and bytes waiting or in progress, of a space or ({@code null}) of all. */
  private static long[] queued(Connection c, @Nullable String spaceId) throws SQLException {
    String sql = "SELECT count(*), coalesce(sum(bytes), 0) FROM confidant_ingest_document"
        + " WHERE state IN ('HELD', 'QUEUED')" + (spaceId == null ? "" : " AND space_id = ?");
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (spaceId != null) {
        s.setString(1, spaceId);
      }
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return new long[] {r.getLong(1), r.getLong(2)};
      }
    }
  }

  @Override
  public void release(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    Sql.transaction(db, "release documents for ingestion", c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE confidant_ingest_document SET state = 'QUEUED',"
          + " held_until = NULL WHERE id = ANY (?) AND state = 'HELD'")) {
        s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
        if (s.executeUpdate() > 0) {
          notices.send(c);
        }
      }
      return null;
    });
  }

  @Override
  public void discard(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    Sql.transaction(db, "withdraw documents from ingestion", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM confidant_ingest_document WHERE id = ANY (?) AND state = 'HELD'")) {
        s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
        return s.executeUpdate();
      }
    });
  }

  @Override
  public @Nullable Lease take(int maxDocuments) {
    sweepNow();
    String owner = NODE + "/" + UUID.randomUUID();
    return Sql.transaction(db, "take documents for ingestion", c -> {
      String space;
      try (PreparedStatement s = c.prepareStatement("""
          SELECT s.space_id FROM confidant_ingest_space s
          WHERE (s.lease_until IS NULL OR s.lease_until < clock_timestamp())
            AND EXISTS (SELECT 1 FROM confidant_ingest_document d WHERE d.space_id = s.space_id AND %s)
          ORDER BY s.served_at NULLS FIRST, s.space_id
          LIMIT 1 FOR UPDATE SKIP LOCKED""".formatted(WAITING));
          ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return null;
        }
        space = r.getString(1);
      }
      try (PreparedStatement s = c.prepareStatement("""
          UPDATE confidant_ingest_space SET lease_owner = ?, served_at = clock_timestamp(),
            lease_until = clock_timestamp() + ? * interval '1 millisecond' WHERE space_id = ?""")) {
        s.setString(1, owner);
        s.setLong(2, lease.toMillis());
        s.setString(3, space);
        s.executeUpdate();
      }
      List<Leased> documents = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("""
          UPDATE confidant_ingest_document SET attempts = attempts + 1 WHERE id IN (
            SELECT d.id FROM confidant_ingest_document d WHERE d.space_id = ? AND %s ORDER BY d.id LIMIT ?)
          RETURNING id, attempts, collection_id, source_id, title, file_name, format, content""".formatted(WAITING))) {
        s.setString(1, space);
        s.setInt(2, maxDocuments);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            String format = r.getString(7);
            documents.add(new Leased(r.getLong(1), r.getInt(2), new QueuedDocument(r.getString(3), r.getString(4),
                r.getString(5), r.getString(6), format == null ? null : DocumentFormat.valueOf(format),
                r.getBytes(8))));
          }
        }
      }
      documents.sort(java.util.Comparator.comparingLong(Leased::id)); // RETURNING keeps no order
      return new PostgresLease(space, owner, List.copyOf(documents));
    });
  }

  /** Deletes outcomes older than {@link #KEEP_OUTCOMES}, at most once a minute per queue. */
  private void sweepNow() {
    long now = System.nanoTime();
    long due = nextSweep.get();
    if (now - due < 0 || !nextSweep.compareAndSet(due, now + SWEEP_EVERY_NANOS)) {
      return;
    }
    Sql.transaction(db, "delete old ingestion outcomes", c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM confidant_ingest_document"
          + " WHERE finished_at < clock_timestamp() - ? * interval '1 millisecond'")) {
        s.setLong(1, KEEP_OUTCOMES.toMillis());
        return s.executeUpdate();
      }
    });
  }

  @Override
  public Map<Long, DocumentStatus> outcomes(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return Sql.transaction(db, "read ingestion outcomes", c -> {
      Map<Long, DocumentStatus> outcomes = new LinkedHashMap<>();
      try (PreparedStatement s = c.prepareStatement("SELECT id, source_id, collection_id, title, state, chunks,"
          + " reason FROM confidant_ingest_document WHERE id = ANY (?) AND state IN ('INDEXED', 'FAILED')")) {
        s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            outcomes.put(r.getLong(1), new DocumentStatus(r.getString(2), r.getString(3), r.getString(4),
                DocumentStatus.State.valueOf(r.getString(5)), r.getInt(6), r.getString(7)));
          }
        }
      }
      return outcomes;
    });
  }

  @Override
  public int queuedDocuments(String spaceId) {
    return Sql.transaction(db, "count documents waiting for ingestion", c -> (int) queued(c, spaceId)[0]);
  }

  /** A space's batch, leased to one owner id. */
  private final class PostgresLease implements Lease {
    private final String space;
    private final String owner;
    private final List<Leased> documents;

    PostgresLease(String space, String owner, List<Leased> documents) {
      this.space = space;
      this.owner = owner;
      this.documents = documents;
    }

    @Override
    public String spaceId() {
      return space;
    }

    @Override
    public List<Leased> documents() {
      return documents;
    }

    @Override
    public boolean renew() {
      return Sql.transaction(db, "renew an ingestion lease", c -> {
        try (PreparedStatement s = c.prepareStatement("UPDATE confidant_ingest_space"
            + " SET lease_until = clock_timestamp() + ? * interval '1 millisecond'"
            + " WHERE space_id = ? AND lease_owner = ?")) {
          s.setLong(1, lease.toMillis());
          s.setString(2, space);
          s.setString(3, owner);
          return s.executeUpdate() == 1;
        }
      });
    }

    @Override
    public void complete(Map<Long, DocumentStatus> outcomes) {
      Sql.transaction(db, "record ingestion outcomes", c -> {
        // Recorded even if the lease ran out meanwhile: another node ingesting the same documents writes the same
        // chunks (deterministic ids) and the first outcome stays.
        try (PreparedStatement s = c.prepareStatement("""
            UPDATE confidant_ingest_document SET state = ?, chunks = ?, reason = ?, title = ?, content = NULL,
              held_until = NULL, finished_at = clock_timestamp()
            WHERE id = ? AND state IN ('HELD', 'QUEUED')""")) {
          for (Map.Entry<Long, DocumentStatus> e : outcomes.entrySet()) {
            DocumentStatus status = e.getValue();
            if (status.state() != DocumentStatus.State.INDEXED && status.state() != DocumentStatus.State.FAILED) {
              continue;
            }
            s.setString(1, status.state().name());
            s.setInt(2, status.chunks());
            s.setString(3, status.reason());
            s.setString(4, status.title());
            s.setLong(5, e.getKey());
            s.addBatch();
          }
          s.executeBatch();
        }
        free(c);
        return null;
      });
    }

    @Override
    public void abandon() {
      Sql.transaction(db, "give back an ingestion lease", c -> {
        free(c);
        return null;
      });
    }

    /** Frees the space for its next batch, and tells every node: the outcomes are in, the space may be taken. */
    private void free(Connection c) throws SQLException {
      try (PreparedStatement s = c.prepareStatement("UPDATE confidant_ingest_space SET lease_owner = NULL,"
          + " lease_until = NULL WHERE space_id = ? AND lease_owner = ?")) {
        s.setString(1, space);
        s.setString(2, owner);
        s.executeUpdate();
      }
      notices.send(c);
    }
  }
}
