package dev.confidant.postgres.internal;

import dev.confidant.api.StorageException;
import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.VaultKey;
import dev.confidant.pii.spi.VaultKeyring;
import dev.confidant.pii.spi.VaultPolicy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * {@link MappingVault} in PostgreSQL, shared by every node of a cluster (tables in {@code V1__vault.sql}).
 *
 * <p>Nothing stored names a space, principal or thread: row ids are HMAC-SHA256 names of the ids under the keyring
 * ({@link VaultKeyring#names}), and values are sealed with its current key (AES-256-GCM), bound to their
 * conversation and placeholder as associated data, so a value copied into another row fails to open
 * ({@link StorageException}) instead of being restored there.
 *
 * <p>Concurrency across nodes: every change of an owner's conversations in a space first locks that owner's row
 * ({@code SELECT ... FOR UPDATE}), so the owner's entry total is exact and its limit holds under concurrent writers
 * on different nodes; each placeholder is one row inserted with {@code INSERT ... ON CONFLICT DO NOTHING}, so the
 * first writer of a placeholder wins. A load takes no lock and reads one consistent snapshot. One owner's merges
 * are therefore serialized (one transaction of a few statements each); different owners never wait for each other.
 *
 * <p>Keys: a conversation written under a retired key is read under that key's names and moved to the current key
 * (every value re-sealed) the next time it is written. Expiry follows the policy's clock: an expired conversation is
 * never loaded; it is deleted when next touched, when its owner reaches the limit, and by a sweep that a call
 * starts at most every {@value #SWEEP_INTERVAL_MILLIS} ms per vault, deleting up to {@value #SWEEP_OWNERS} owners'
 * expired conversations (owners busy in another transaction are skipped). Thread-safe.
 */
public final class PostgresVault implements MappingVault {
  static final long SWEEP_INTERVAL_MILLIS = 10_000;
  static final int SWEEP_OWNERS = 16;
  static final int SWEEP_THREADS_PER_OWNER = 512;

  private final DataSource db;
  private final VaultKeyring keys;
  private final VaultPolicy policy;
  private final AtomicLong nextSweep = new AtomicLong(System.nanoTime());

  public PostgresVault(DataSource db, VaultKeyring keys, VaultPolicy policy) {
    this.db = db;
    this.keys = keys;
    this.policy = policy;
  }

  /** A conversation's identity and its names under every key of the ring, the current key first. */
  private final class Names {
    final VaultKey key;
    final byte[] identity;
    final List<byte[]> threads;
    final List<byte[]> owners;
    final List<byte[]> spaces;

    Names(VaultKey key) {
      this.key = key;
      identity = identity('T', key.spaceId(), key.owner(), key.threadId());
      threads = names(identity);
      owners = names(identity('O', key.spaceId(), key.owner()));
      spaces = names(identity('S', key.spaceId()));
    }

    /** The associated data a value of this conversation is sealed with: conversation and placeholder. */
    byte[] associatedData(String placeholder) {
      return identity('E', key.spaceId(), key.owner(), key.threadId(), placeholder);
    }

    /** Which key's names a stored thread id is (0 = current), or -1. */
    int keyIndexOf(byte[] threadId) {
      for (int i = 0; i < threads.size(); i++) {
        if (Arrays.equals(threads.get(i), threadId)) {
          return i;
        }
      }
      return -1;
    }
  }

  /** A stored conversation row. */
  private record ThreadRow(byte[] threadId, byte[] ownerId, String keyId, long written, int entries) {}

  @Override
  public Map<String, String> load(VaultKey key) {
    sweepStep();
    Names names = new Names(key);
    return Sql.transaction(db, "read the PII vault", c -> {
      // One statement: the thread row and its entries from one snapshot.
      Map<Integer, Map<String, byte[]>> byKey = new HashMap<>();
      Map<Integer, Long> written = new HashMap<>();
      try (PreparedStatement q = c.prepareStatement("SELECT t.thread_id, t.written, e.placeholder, e.value"
          + " FROM confidant_vault_thread t LEFT JOIN confidant_vault_entry e ON e.thread_id = t.thread_id"
          + " WHERE t.thread_id = ANY(?)")) {
        q.setArray(1, byteaArray(c, names.threads));
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            int index = names.keyIndexOf(rs.getBytes(1));
            written.put(index, rs.getLong(2));
            Map<String, byte[]> entries = byKey.computeIfAbsent(index, i -> new LinkedHashMap<>());
            String placeholder = rs.getString(3);
            if (placeholder != null) {
              entries.put(placeholder, rs.getBytes(4));
            }
          }
        }
      }
      for (int i = 0; i < names.threads.size(); i++) {
        if (written.containsKey(i)) {
          return policy.expired(written.get(i)) ? Map.<String, String>of() : open(names, byKey.get(i));
        }
      }
      return Map.<String, String>of();
    });
  }

  @Override
  public void merge(VaultKey key, Map<String, String> entries) {
    if (entries.isEmpty()) {
      return;
    }
    sweepStep();
    Names names = new Names(key);
    Sql.transaction(db, "write the PII vault", c -> {
      Map<ByteKey, Long> totals = lockOwners(c, names, true);
      ThreadRow live = liveThread(c, names, totals);
      Map<String, byte[]> existing = live == null ? Map.of() : sealedEntries(c, live.threadId());
      List<String> added = new ArrayList<>();
      for (String placeholder : entries.keySet()) {
        if (!existing.containsKey(placeholder)) {
          added.add(placeholder);
        }
      }
      if (added.isEmpty()) {
        return null;
      }
      policy.checkThreadSize(existing.size() + (long) added.size());
      long total = totals.values().stream().mapToLong(Long::longValue).sum();
      if (total + added.size() > policy.maxEntriesPerOwner()) {
        total -= purgeExpired(c, names.owners, totals, Integer.MAX_VALUE);
        policy.checkOwnerSize(total + added.size());
      }
      byte[] threadId = names.threads.get(0);
      byte[] ownerId = names.owners.get(0);
      if (live != null && !Arrays.equals(live.threadId(), threadId)) {
        moveToCurrentKey(c, names, live, existing, totals);
      }
      try (PreparedStatement upsert = c.prepareStatement("INSERT INTO confidant_vault_thread"
          + " (thread_id, owner_id, space_id, key_id, written, entries) VALUES (?, ?, ?, ?, ?, 0)"
          + " ON CONFLICT (thread_id) DO UPDATE SET written = EXCLUDED.written")) {
        upsert.setBytes(1, threadId);
        upsert.setBytes(2, ownerId);
        upsert.setBytes(3, names.spaces.get(0));
        upsert.setString(4, keys.currentKeyId());
        upsert.setLong(5, policy.clock().millis());
        upsert.executeUpdate();
      }
      int inserted = 0;
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO confidant_vault_entry"
          + " (thread_id, placeholder, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
        for (String placeholder : added) {
          insert.setBytes(1, threadId);
          insert.setString(2, placeholder);
          insert.setBytes(3, keys.seal(entries.get(placeholder).getBytes(StandardCharsets.UTF_8),
              names.associatedData(placeholder)));
          insert.addBatch();
        }
        for (int n : insert.executeBatch()) {
          inserted += Math.max(n, 0);
        }
      }
      addEntries(c, threadId, inserted);
      addToOwner(c, ownerId, inserted);
      return null;
    });
  }

  @Override
  public boolean delete(VaultKey key) {
    sweepStep();
    Names names = new Names(key);
    return Sql.transaction(db, "delete from the PII vault", c -> {
      lockOwners(c, names, false);
      boolean live = false;
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM confidant_vault_thread"
          + " WHERE thread_id = ANY(?) RETURNING owner_id, written, entries")) {
        delete.setArray(1, byteaArray(c, names.threads));
        try (ResultSet rs = delete.executeQuery()) {
          while (rs.next()) {
            live |= !policy.expired(rs.getLong(2));
            addToOwner(c, rs.getBytes(1), -rs.getInt(3));
          }
        }
      }
      return live;
    });
  }

  @Override
  public boolean deletePlaceholder(VaultKey key, String placeholder) {
    sweepStep();
    Names names = new Names(key);
    return Sql.transaction(db, "delete from the PII vault", c -> {
      Map<ByteKey, Long> totals = lockOwners(c, names, false);
      ThreadRow live = liveThread(c, names, totals);
      if (live == null) {
        return false;
      }
      try (PreparedStatement delete = c.prepareStatement(
          "DELETE FROM confidant_vault_entry WHERE thread_id = ? AND placeholder = ?")) {
        delete.setBytes(1, live.threadId());
        delete.setString(2, placeholder);
        if (delete.executeUpdate() == 0) {
          return false;
        }
      }
      if (live.entries() <= 1) {
        deleteThread(c, live.threadId());
      } else {
        addEntries(c, live.threadId(), -1); // not a write that restarts the expiry: written stays
      }
      addToOwner(c, live.ownerId(), -1);
      return true;
    });
  }

  @Override
  public int deleteSpace(String spaceId) {
    List<byte[]> spaces = names(identity('S', spaceId));
    return Sql.transaction(db, "delete a space from the PII vault", c -> {
      // Lock the space's owners first, as every merge does; an owner that appears after this is new data.
      List<byte[]> owners = new ArrayList<>();
      try (PreparedStatement lock = c.prepareStatement("SELECT owner_id FROM confidant_vault_owner"
          + " WHERE space_id = ANY(?) ORDER BY owner_id FOR UPDATE")) {
        lock.setArray(1, byteaArray(c, spaces));
        try (ResultSet rs = lock.executeQuery()) {
          while (rs.next()) {
            owners.add(rs.getBytes(1));
          }
        }
      }
      if (owners.isEmpty()) {
        return 0;
      }
      int removed;
      try (PreparedStatement delete = c.prepareStatement(
          "DELETE FROM confidant_vault_thread WHERE owner_id = ANY(?)")) {
        delete.setArray(1, byteaArray(c, owners));
        removed = delete.executeUpdate();
      }
      try (PreparedStatement delete = c.prepareStatement(
          "DELETE FROM confidant_vault_owner WHERE owner_id = ANY(?)")) {
        delete.setArray(1, byteaArray(c, owners));
        delete.executeUpdate();
      }
      return removed;
    });
  }

  /**
   * Locks the owner's rows (one per key of the ring) in id order and returns their totals. With
   * {@code create}, the current key's row is created first if missing; a row that a space deletion removed while
   * this transaction waited for it is created again.
   */
  private Map<ByteKey, Long> lockOwners(Connection c, Names names, boolean create) throws SQLException {
    for (int attempt = 0; ; attempt++) {
      if (create) {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO confidant_vault_owner (owner_id, space_id)"
            + " VALUES (?, ?) ON CONFLICT DO NOTHING")) {
          insert.setBytes(1, names.owners.get(0));
          insert.setBytes(2, names.spaces.get(0));
          insert.executeUpdate();
        }
      }
      Map<ByteKey, Long> totals = new LinkedHashMap<>();
      try (PreparedStatement lock = c.prepareStatement("SELECT owner_id, total FROM confidant_vault_owner"
          + " WHERE owner_id = ANY(?) ORDER BY owner_id FOR UPDATE")) {
        lock.setArray(1, byteaArray(c, names.owners));
        try (ResultSet rs = lock.executeQuery()) {
          while (rs.next()) {
            totals.put(new ByteKey(rs.getBytes(1)), rs.getLong(2));
          }
        }
      }
      if (!create || totals.containsKey(new ByteKey(names.owners.get(0))) || attempt == 2) {
        return totals;
      }
    }
  }

  /**
   * The conversation's stored row that has not expired (the current key's first), deleting expired ones. Holds
   * the owner's lock.
   */
  private @Nullable ThreadRow liveThread(Connection c, Names names, Map<ByteKey, Long> totals)
      throws SQLException {
    List<ThreadRow> rows = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement("SELECT thread_id, owner_id, key_id, written, entries"
        + " FROM confidant_vault_thread WHERE thread_id = ANY(?)")) {
      q.setArray(1, byteaArray(c, names.threads));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          rows.add(new ThreadRow(rs.getBytes(1), rs.getBytes(2), rs.getString(3), rs.getLong(4), rs.getInt(5)));
        }
      }
    }
    ThreadRow live = null;
    for (ThreadRow row : rows) {
      if (policy.expired(row.written())) {
        deleteThread(c, row.threadId());
        addToOwner(c, row.ownerId(), -row.entries());
        totals.computeIfPresent(new ByteKey(row.ownerId()), (k, t) -> t - row.entries());
      } else if (live == null || names.keyIndexOf(row.threadId()) < names.keyIndexOf(live.threadId())) {
        live = row;
      }
    }
    return live;
  }

  /** A conversation's entries as stored (sealed), by placeholder. */
  private static Map<String, byte[]> sealedEntries(Connection c, byte[] threadId) throws SQLException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (PreparedStatement q = c.prepareStatement(
        "SELECT placeholder, value FROM confidant_vault_entry WHERE thread_id = ?")) {
      q.setBytes(1, threadId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          entries.put(rs.getString(1), rs.getBytes(2));
        }
      }
    }
    return entries;
  }

  /**
   * Moves a conversation stored under a retired key's names to the current key's, every value re-sealed with the
   * current key, and its count to the current owner row. Holds the owner's locks.
   */
  private void moveToCurrentKey(Connection c, Names names, ThreadRow old, Map<String, byte[]> sealed,
      Map<ByteKey, Long> totals) throws SQLException {
    Map<String, String> values = open(names, sealed);
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO confidant_vault_thread"
        + " (thread_id, owner_id, space_id, key_id, written, entries) VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setBytes(1, names.threads.get(0));
      insert.setBytes(2, names.owners.get(0));
      insert.setBytes(3, names.spaces.get(0));
      insert.setString(4, keys.currentKeyId());
      insert.setLong(5, old.written());
      insert.setInt(6, values.size());
      insert.executeUpdate();
    }
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO confidant_vault_entry (thread_id, placeholder, value) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, String> e : values.entrySet()) {
        insert.setBytes(1, names.threads.get(0));
        insert.setString(2, e.getKey());
        insert.setBytes(3, keys.seal(e.getValue().getBytes(StandardCharsets.UTF_8),
            names.associatedData(e.getKey())));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    deleteThread(c, old.threadId());
    addToOwner(c, old.ownerId(), -values.size());
    addToOwner(c, names.owners.get(0), values.size());
    totals.computeIfPresent(new ByteKey(old.ownerId()), (k, t) -> t - values.size());
    totals.merge(new ByteKey(names.owners.get(0)), (long) values.size(), Long::sum);
  }

  /**
   * Deletes up to {@code max} expired conversations of the given owners (whose rows this transaction has locked)
   * and returns how many entries they held.
   */
  private long purgeExpired(Connection c, List<byte[]> owners, Map<ByteKey, Long> totals, int max)
      throws SQLException {
    long removed = 0;
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM confidant_vault_thread WHERE thread_id IN"
        + " (SELECT thread_id FROM confidant_vault_thread WHERE owner_id = ANY(?) AND written <= ? LIMIT ?)"
        + " RETURNING owner_id, entries")) {
      delete.setArray(1, byteaArray(c, owners));
      delete.setLong(2, expiryCutoff());
      delete.setInt(3, max);
      try (ResultSet rs = delete.executeQuery()) {
        Map<ByteKey, Long> byOwner = new HashMap<>();
        while (rs.next()) {
          byOwner.merge(new ByteKey(rs.getBytes(1)), (long) rs.getInt(2), Long::sum);
        }
        for (Map.Entry<ByteKey, Long> e : byOwner.entrySet()) {
          addToOwner(c, e.getKey().bytes(), -e.getValue());
          totals.computeIfPresent(e.getKey(), (k, t) -> t - e.getValue());
          removed += e.getValue();
        }
      }
    }
    return removed;
  }

  /** Written at or before this (epoch milliseconds): expired. */
  private long expiryCutoff() {
    return policy.clock().millis() - policy.timeToLive().toMillis();
  }

  /**
   * One bounded step of the expiry sweep, at most every {@value #SWEEP_INTERVAL_MILLIS} ms per vault: for up to
   * {@value #SWEEP_OWNERS} owners with expired conversations, each in its own short transaction, lock the owner
   * unless another transaction holds it ({@code SKIP LOCKED}) and delete up to
   * {@value #SWEEP_THREADS_PER_OWNER} of its expired conversations. A failure is left for the next step: the
   * caller's own operation reports the database's state.
   */
  private void sweepStep() {
    long now = System.nanoTime();
    long due = nextSweep.get();
    if (now - due < 0 || !nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_MILLIS * 1_000_000)) {
      return;
    }
    try {
      List<byte[]> owners = Sql.transaction(db, "sweep the PII vault", c -> {
        List<byte[]> found = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT owner_id FROM confidant_vault_thread"
            + " WHERE written <= ? LIMIT " + SWEEP_OWNERS)) {
          q.setLong(1, expiryCutoff());
          try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
              found.add(rs.getBytes(1));
            }
          }
        }
        return found;
      });
      for (byte[] owner : owners) {
        Sql.transaction(db, "sweep the PII vault", c -> {
          Map<ByteKey, Long> totals = new HashMap<>();
          try (PreparedStatement lock = c.prepareStatement("SELECT total FROM confidant_vault_owner"
              + " WHERE owner_id = ? FOR UPDATE SKIP LOCKED")) {
            lock.setBytes(1, owner);
            try (ResultSet rs = lock.executeQuery()) {
              if (!rs.next()) {
                return null;
              }
              totals.put(new ByteKey(owner), rs.getLong(1));
            }
          }
          return purgeExpired(c, List.of(owner), totals, SWEEP_THREADS_PER_OWNER);
        });
      }
    } catch (StorageException e) {
      // Left for the next step.
    }
  }

  private static void deleteThread(Connection c, byte[] threadId) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM confidant_vault_thread WHERE thread_id = ?")) {
      delete.setBytes(1, threadId);
      delete.executeUpdate();
    }
  }

  private static void addEntries(Connection c, byte[] threadId, int delta) throws SQLException {
    add(c, "UPDATE confidant_vault_thread SET entries = entries + ? WHERE thread_id = ?", threadId, delta);
  }

  private static void addToOwner(Connection c, byte[] ownerId, long delta) throws SQLException {
    add(c, "UPDATE confidant_vault_owner SET total = total + ? WHERE owner_id = ?", ownerId, delta);
  }

  private static void add(Connection c, String update, byte[] id, long delta) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(update)) {
      statement.setLong(1, delta);
      statement.setBytes(2, id);
      statement.executeUpdate();
    }
  }

  /** Opens every sealed value of a conversation. */
  private Map<String, String> open(Names names, @Nullable Map<String, byte[]> sealed) {
    if (sealed == null || sealed.isEmpty()) {
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> e : sealed.entrySet()) {
      try {
        values.put(e.getKey(), new String(keys.open(e.getValue(), names.associatedData(e.getKey())),
            StandardCharsets.UTF_8));
      } catch (GeneralSecurityException failed) {
        // The message names the key id and the placeholder, never the value.
        throw new StorageException("a PII vault entry (" + e.getKey() + ", key "
            + VaultKeyring.keyIdOf(e.getValue()) + ") failed its integrity check: it was changed, moved from "
            + "another conversation, or sealed with a key that is not in the keyring", failed);
      }
    }
    return Collections.unmodifiableMap(values);
  }

  private List<byte[]> names(byte[] identity) {
    return keys.names(identity).stream().map(HexFormat.of()::parseHex).toList();
  }

  /** Length-prefixed UTF-8 parts after a kind letter: no two different tuples share an encoding. */
  static byte[] identity(char kind, String... parts) {
    List<byte[]> encoded = new ArrayList<>(parts.length);
    int size = 1;
    for (String part : parts) {
      byte[] b = part.getBytes(StandardCharsets.UTF_8);
      encoded.add(b);
      size += 4 + b.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size).put((byte) kind);
    encoded.forEach(b -> out.putInt(b.length).put(b));
    return out.array();
  }

  private static Array byteaArray(Connection c, List<byte[]> values) throws SQLException {
    return c.createArrayOf("bytea", values.toArray(new byte[0][]));
  }

  /** A byte array as a map key. */
  private record ByteKey(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof ByteKey other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }

  @Override
  public String toString() {
    return "PostgresVault[keys=" + keys + "]";
  }
}
