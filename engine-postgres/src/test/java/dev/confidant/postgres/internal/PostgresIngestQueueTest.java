package dev.confidant.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.LimitExceededException;
import dev.confidant.postgres.PostgresStore;
import dev.confidant.postgres.TestDatabase;
import dev.confidant.rag.DocumentFormat;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.IngestLimits;
import dev.confidant.rag.spi.DurableIngestQueue;
import dev.confidant.rag.spi.DurableIngestQueue.Lease;
import dev.confidant.rag.spi.DurableIngestQueue.Leased;
import dev.confidant.rag.spi.DurableIngestQueue.QueuedDocument;
import dev.confidant.rag.spi.DurableIngestQueue.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The durable ingestion queue on the real PostgreSQL of {@code .ci/run}, with two nodes (two stores, two pools) on
 * one schema: held until released, fair per space across nodes, ordered, a batch whose lease ran out handed out
 * again to the other node, bounded per space, outcomes readable by the node that offered, notices of released and
 * freed batches received on the other node. A lease running out is made so in the table (no waiting).
 */
class PostgresIngestQueueTest {
  private static final IngestLimits LIMITS = IngestLimits.defaults().withQueue(3, 1_000, 10_000);

  private TestDatabase db;
  private PostgresStore storeA;
  private PostgresStore storeB;
  private DurableIngestQueue nodeA;
  private DurableIngestQueue nodeB;

  @BeforeEach
  void twoNodes() {
    db = TestDatabase.create();
    storeA = PostgresStore.open(db.settings());
    storeB = PostgresStore.open(db.settings());
    nodeA = storeA.ingestQueue(LIMITS, Duration.ofSeconds(30));
    nodeB = storeB.ingestQueue(LIMITS, Duration.ofSeconds(30));
  }

  @AfterEach
  void drop() {
    if (db == null) {
      return; // skipped: no PostgreSQL server (TestServers.postgresUrl aborted the test before anything opened)
    }
    storeA.close();
    storeB.close();
    db.drop();
  }

  private static QueuedDocument text(String sourceId) {
    return new QueuedDocument("handbook", sourceId, "Title " + sourceId, "Title " + sourceId, null,
        ("text of " + sourceId).getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> sources(Lease lease) {
    return lease.documents().stream().map(d -> d.document().sourceId()).toList();
  }

  private static DocumentStatus indexed(Leased d) {
    return new DocumentStatus(d.document().sourceId(), d.document().collectionId(), d.document().title(),
        DocumentStatus.State.INDEXED, 2, null);
  }

  @Test
  void documentsAreHeldUntilReleasedThenHandedOutInOrderToAnyNode() {
    List<Long> ids = nodeA.offer("space_a", List.of(text("s1"), text("s2"),
        new QueuedDocument("handbook", "s3", "a.md", "a.md", DocumentFormat.MD, "# A".getBytes())));
    assertThat(nodeB.take(10)).as("held: the pending statuses are not written yet").isNull();
    assertThat(nodeA.queuedDocuments("space_a")).isEqualTo(3);

    nodeA.release(ids);
    Lease lease = nodeB.take(10);
    assertThat(lease.spaceId()).isEqualTo("space_a");
    assertThat(sources(lease)).containsExactly("s1", "s2", "s3");
    assertThat(lease.documents()).extracting(Leased::attempt).containsOnly(1);
    assertThat(lease.documents().get(2).document().format()).isEqualTo(DocumentFormat.MD);
    assertThat(new String(lease.documents().get(0).document().content(), StandardCharsets.UTF_8))
        .isEqualTo("text of s1");

    lease.complete(Map.of(ids.get(0), indexed(lease.documents().get(0)), ids.get(1), indexed(
        lease.documents().get(1))));
    assertThat(nodeA.outcomes(ids)).as("the offering node reads what the other completed")
        .containsOnlyKeys(ids.get(0), ids.get(1));
    assertThat(nodeA.outcomes(ids).get(ids.get(0)).state()).isEqualTo(DocumentStatus.State.INDEXED);
    Lease rest = nodeA.take(10);
    assertThat(sources(rest)).as("a document without an outcome is handed out again").containsExactly("s3");
  }

  @Test
  void oneBatchPerSpaceInProgressAndSpacesTakeTurns() {
    nodeA.release(nodeA.offer("space_a", List.of(text("a1"), text("a2"))));
    nodeA.release(nodeA.offer("space_b", List.of(text("b1"))));

    Lease first = nodeA.take(1);
    Lease second = nodeB.take(1);
    assertThat(first.spaceId()).isEqualTo("space_a");
    assertThat(second.spaceId()).as("space_a has a batch in progress").isEqualTo("space_b");
    assertThat(nodeB.take(1)).as("both spaces are leased").isNull();

    first.complete(Map.of(first.documents().get(0).id(), indexed(first.documents().get(0))));
    Lease third = nodeB.take(1);
    assertThat(sources(third)).containsExactly("a2");
  }

  @Test
  void aBatchWhoseLeaseRanOutIsHandedOutAgainToAnotherNode() {
    List<Long> ids = nodeA.offer("space_a", List.of(text("s1"), text("s2")));
    nodeA.release(ids);
    Lease dead = nodeA.take(10);
    assertThat(dead.renew()).isTrue();
    assertThat(nodeB.take(10)).isNull();

    db.execute("UPDATE confidant_ingest_space SET lease_until = clock_timestamp() - interval '1 second'");
    Lease retry = nodeB.take(10);
    assertThat(sources(retry)).containsExactly("s1", "s2");
    assertThat(retry.documents()).extracting(Leased::attempt).containsOnly(2);
    assertThat(dead.renew()).as("the first node lost its lease").isFalse();

    retry.complete(Map.of(ids.get(0), indexed(retry.documents().get(0)), ids.get(1),
        indexed(retry.documents().get(1))));
    assertThat(nodeA.outcomes(ids)).hasSize(2);
    assertThat(nodeA.queuedDocuments("space_a")).isZero();
    assertThat(nodeA.take(10)).isNull();
  }

  @Test
  void anAbandonedBatchIsHandedOutAtOnce() {
    nodeA.release(nodeA.offer("space_a", List.of(text("s1"))));
    nodeA.take(10).abandon();
    assertThat(sources(nodeB.take(10))).containsExactly("s1");
  }

  @Test
  void aSpaceIsBoundedAcrossNodesAndARefusedJobLeavesNothing() {
    nodeA.offer("space_a", List.of(text("s1"), text("s2")));
    assertThatThrownBy(() -> nodeB.offer("space_a", List.of(text("s3"), text("s4"))))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("maxQueuedDocumentsPerSpace");
    assertThat(nodeA.queuedDocuments("space_a")).isEqualTo(2);
    assertThatThrownBy(() -> nodeB.offer("space_b", List.of(new QueuedDocument("c", "big", "t", "t", null,
        new byte[1_001])))).isInstanceOf(LimitExceededException.class).hasMessageContaining("maxQueuedBytesPerSpace");
    assertThat(nodeB.queuedDocuments("space_b")).isZero();
    assertThat(nodeB.offer("space_b", List.of(text("b1")))).as("another space is not held up").hasSize(1);
  }

  @Test
  void aReleaseAndAFreedSpaceNotifyTheOtherNodeAndNoOtherSchema() throws Exception {
    Semaphore woken = new Semaphore(0);
    Semaphore otherSchemaWoken = new Semaphore(0);
    TestDatabase other = TestDatabase.create();
    try (PostgresStore otherStore = PostgresStore.open(other.settings());
        Subscription subscription = nodeB.subscribe(woken::release);
        Subscription otherSubscription = otherStore.ingestQueue(LIMITS, Duration.ofSeconds(30))
            .subscribe(otherSchemaWoken::release)) {
      List<Long> ids = nodeA.offer("space_a", List.of(text("s1")));
      assertThat(woken.tryAcquire(200, TimeUnit.MILLISECONDS)).as("held documents are no news").isFalse();

      nodeA.release(ids);
      // Bounded waits for an event, not timing: the notice arrives through PostgreSQL's LISTEN/NOTIFY.
      assertThat(woken.tryAcquire(30, TimeUnit.SECONDS)).as("a release notifies every node").isTrue();
      Lease lease = nodeA.take(10);
      lease.complete(Map.of(ids.get(0), indexed(lease.documents().get(0))));
      assertThat(woken.tryAcquire(30, TimeUnit.SECONDS)).as("so does a completed batch").isTrue();
      nodeA.release(nodeA.offer("space_a", List.of(text("s2"))));
      assertThat(woken.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
      nodeA.take(10).abandon();
      assertThat(woken.tryAcquire(30, TimeUnit.SECONDS)).as("and a batch given back").isTrue();

      subscription.close();
      nodeA.release(nodeA.offer("space_b", List.of(text("b1"))));
      assertThat(woken.tryAcquire(200, TimeUnit.MILLISECONDS)).as("closed: no more calls").isFalse();
      assertThat(otherSchemaWoken.availablePermits()).as("another schema's notices are ignored").isZero();
    } finally {
      other.drop();
    }
  }

  @Test
  void discardedDocumentsAreNeverHandedOut() {
    List<Long> ids = nodeA.offer("space_a", List.of(text("s1")));
    nodeA.discard(ids);
    assertThat(nodeA.queuedDocuments("space_a")).isZero();
    db.execute("UPDATE confidant_ingest_document SET held_until = clock_timestamp() - interval '1 second'");
    assertThat(nodeB.take(10)).isNull();
  }
}
