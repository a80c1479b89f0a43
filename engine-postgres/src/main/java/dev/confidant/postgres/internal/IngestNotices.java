package dev.confidant.postgres.internal;

import dev.confidant.rag.spi.DurableIngestQueue.Subscription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The ingestion queue's notices between nodes, on PostgreSQL's {@code LISTEN}/{@code NOTIFY}: {@link #send} queues a
 * {@code NOTIFY} on channel {@value #CHANNEL} in the caller's transaction (PostgreSQL delivers it at commit, to every
 * listening session, and folds equal notices of one transaction into one), with the schema as payload, so that
 * deployments sharing a database in different schemas do not wake each other.
 *
 * <p>While anything is subscribed, one daemon thread holds one connection of its own (outside the pool, so that it
 * never takes a pooled connection for good) that listens on the channel and calls the subscribers for each notice of
 * this schema. If that connection fails, the thread connects again every {@link #RECONNECT}; notices sent meanwhile
 * are lost, which the workers' polling covers. Bounded: one thread and one connection per queue, one entry per
 * subscriber (a knowledge base's ingestion subscribes once); pgjdbc buffers notices only until the thread reads them,
 * at most {@link #WAIT} later. One per {@code PostgresStore}, closed with it. Thread-safe.
 */
public final class IngestNotices {
  /** The channel every Confidant schema's ingestion queue notifies on. */
  static final String CHANNEL = "confidant_ingest";
  /** The longest the listener blocks reading notices before it checks whether it should stop. */
  static final Duration WAIT = Duration.ofSeconds(1);
  /** How long the listener waits before connecting again after its connection failed. */
  public static final Duration RECONNECT = Duration.ofSeconds(2);

  /** Opens the listener's own connection. */
  @FunctionalInterface
  public interface Connector {
    Connection connect() throws SQLException;
  }

  private final Connector connector;
  private final String schema;
  private final Set<Runnable> subscribers = new CopyOnWriteArraySet<>();
  private @Nullable Thread listener;
  private @Nullable Connection connection;

  /**
   * @param connector opens the listener's connection (outside the pool)
   * @param schema the schema of the tables, which notices carry so that other schemas' are ignored
   */
  public IngestNotices(Connector connector, String schema) {
    this.connector = connector;
    this.schema = schema;
  }

  /** Sends a notice when the transaction of {@code c} commits. */
  void send(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      s.setString(1, CHANNEL);
      s.setString(2, schema);
      s.executeQuery().close();
    }
  }

  /**
   * Calls {@code subscriber} for every notice of this schema until the subscription is closed. Returns once the
   * listener listens, or after {@code connectTimeout} if it cannot connect yet (it keeps trying).
   */
  Subscription subscribe(Runnable subscriber, Duration connectTimeout) {
    CountDownLatch listening;
    synchronized (this) {
      subscribers.add(subscriber);
      if (listener != null) {
        return () -> unsubscribe(subscriber);
      }
      listening = new CountDownLatch(1);
      Thread thread = Thread.ofPlatform().daemon().name("confidant-postgres-ingest-notices")
          .unstarted(() -> listen(listening));
      listener = thread;
      thread.start();
    }
    try {
      listening.await(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return () -> unsubscribe(subscriber);
  }

  private void unsubscribe(Runnable subscriber) {
    synchronized (this) {
      if (!subscribers.remove(subscriber) || !subscribers.isEmpty()) {
        return;
      }
    }
    stop();
  }

  /** Ends every subscription and the listener (the store is closing). */
  public void close() {
    subscribers.clear();
    stop();
  }

  private void stop() {
    Thread stopped;
    Connection open;
    synchronized (this) {
      stopped = listener;
      open = connection;
      listener = null;
      connection = null;
    }
    if (open != null) {
      closeQuietly(open); // ends a blocked read at once
    }
    if (stopped != null) {
      stopped.interrupt();
      try {
        stopped.join(WAIT.plus(RECONNECT).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private synchronized boolean current() {
    return listener == Thread.currentThread();
  }

  private void listen(CountDownLatch listening) {
    while (current()) {
      Connection c = null;
      try {
        c = connector.connect();
        synchronized (this) {
          if (listener != Thread.currentThread()) {
            return;
          }
          connection = c;
        }
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        listening.countDown();
        PGConnection pg = c.unwrap(PGConnection.class);
        while (current()) {
          PGNotification[] notices = pg.getNotifications((int) WAIT.toMillis());
          if (notices != null && mine(notices)) {
            subscribers.forEach(IngestNotices::callQuietly);
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!current()) {
          return;
        }
        try {
          Thread.sleep(RECONNECT);
        } catch (InterruptedException stop) {
          return;
        }
      } finally {
        if (c != null) {
          closeQuietly(c);
        }
      }
    }
  }

  private boolean mine(PGNotification[] notices) {
    for (PGNotification n : notices) {
      if (CHANNEL.equals(n.getName()) && schema.equals(n.getParameter())) {
        return true;
      }
    }
    return false;
  }

  private static void callQuietly(Runnable subscriber) {
    try {
      subscriber.run();
    } catch (RuntimeException ignored) {
      // A subscriber's failure must not stop the notices of the others; it polls anyway.
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Closed already, or the server is gone.
    }
  }
}
