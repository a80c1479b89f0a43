package dev.confidant.pii.internal.mapping;

import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.VaultKey;
import dev.confidant.pii.spi.VaultPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * {@link MappingVault} in the heap. Thread-safe: an owner's conversations in a space change under one lock.
 *
 * <p>Bounded by the {@link VaultPolicy}: at most {@code maxEntriesPerOwner} live entries per owner and space. Expired
 * conversations are dropped when touched, when their owner reaches the limit, and by a sweep that every call advances
 * by at most {@value #SWEEP_BUDGET} steps (an owner visited or a conversation dropped): each owner keeps its
 * conversations in order of last write, so the expired ones are found first.
 */
public final class InMemoryVault implements MappingVault {
  static final int SWEEP_BUDGET = 16;

  private final VaultPolicy policy;
  private final ConcurrentHashMap<Owner, OwnerState> owners = new ConcurrentHashMap<>();
  private final ReentrantLock sweepLock = new ReentrantLock();
  /** Guarded by {@link #sweepLock}. */
  private Iterator<OwnerState> sweepCursor = Collections.emptyIterator();

  public InMemoryVault(VaultPolicy policy) {
    this.policy = policy;
  }

  private record Owner(String spaceId, String owner) {
    static Owner of(VaultKey key) {
      return new Owner(key.spaceId(), key.owner());
    }
  }

  /** A conversation's entries (never mutated once published) and the time of its last write. */
  private record Conversation(Map<String, String> entries, long written) {}

  /** One owner's conversations in one space. Guarded by its own monitor. */
  private static final class OwnerState {
    final Owner owner;
    /** Thread id to conversation, least recently written first. */
    final LinkedHashMap<String, Conversation> threads = new LinkedHashMap<>();
    long total;
    /** Set once the state left {@link #owners}; a writer that finds it set starts again with a fresh state. */
    boolean removed;

    OwnerState(Owner owner) {
      this.owner = owner;
    }
  }

  @Override
  public Map<String, String> load(VaultKey key) {
    sweep();
    OwnerState state = owners.get(Owner.of(key));
    if (state == null) {
      return Map.of();
    }
    synchronized (state) {
      Conversation c = live(state, key.threadId());
      return c == null ? Map.of() : c.entries;
    }
  }

  @Override
  public void merge(VaultKey key, Map<String, String> entries) {
    if (entries.isEmpty()) {
      return;
    }
    sweep();
    while (true) {
      OwnerState state = owners.computeIfAbsent(Owner.of(key), OwnerState::new);
      synchronized (state) {
        if (state.removed) {
          continue;
        }
        Conversation c = live(state, key.threadId());
        Map<String, String> existing = c == null ? Map.of() : c.entries;
        int added = VaultLimits.added(existing, entries);
        if (added == 0) {
          dropIfEmpty(state);
          return;
        }
        policy.checkThreadSize(existing.size() + (long) added);
        if (state.total + added > policy.maxEntriesPerOwner()) {
          purgeExpired(state, Integer.MAX_VALUE);
          policy.checkOwnerSize(state.total + added);
        }
        List<Map.Entry<String, String>> fresh = new ArrayList<>(added);
        entries.forEach((placeholder, value) -> {
          if (!existing.containsKey(placeholder)) {
            fresh.add(Map.entry(placeholder, value));
          }
        });
        state.threads.remove(key.threadId()); // re-inserted last: the most recently written
        // The next state shares the previous one's entries (copying a tail of at most about sqrt(2n) of them), and
        // the next turn's mapping starts from the one this state was seeded into, plus what was added.
        state.threads.put(key.threadId(), new Conversation(FrozenMap.following(existing, fresh),
            policy.clock().millis()));
        state.total += added;
        return;
      }
    }
  }

  @Override
  public boolean delete(VaultKey key) {
    sweep();
    OwnerState state = owners.get(Owner.of(key));
    if (state == null) {
      return false;
    }
    synchronized (state) {
      Conversation c = state.threads.remove(key.threadId());
      if (c == null) {
        return false;
      }
      state.total -= c.entries.size();
      dropIfEmpty(state);
      return !policy.expired(c.written);
    }
  }

  @Override
  public boolean deletePlaceholder(VaultKey key, String placeholder) {
    sweep();
    OwnerState state = owners.get(Owner.of(key));
    if (state == null) {
      return false;
    }
    synchronized (state) {
      Conversation c = live(state, key.threadId());
      if (c == null || !c.entries.containsKey(placeholder)) {
        dropIfEmpty(state);
        return false;
      }
      LinkedHashMap<String, String> rest = new LinkedHashMap<>(c.entries);
      rest.remove(placeholder);
      if (rest.isEmpty()) {
        state.threads.remove(key.threadId());
      } else {
        // Not a write that restarts the expiry: the thread keeps its place in write order.
        state.threads.put(key.threadId(), new Conversation(FrozenMap.owning(rest), c.written));
      }
      state.total--;
      dropIfEmpty(state);
      return true;
    }
  }

  @Override
  public int deleteSpace(String spaceId) {
    int removed = 0;
    for (Map.Entry<Owner, OwnerState> e : owners.entrySet()) {
      if (!e.getKey().spaceId().equals(spaceId)) {
        continue;
      }
      OwnerState state = e.getValue();
      synchronized (state) {
        removed += state.threads.size();
        state.threads.clear();
        state.total = 0;
        dropIfEmpty(state);
      }
    }
    return removed;
  }

  /** The thread's conversation, or {@code null} if it has none or it expired (then it is dropped). Holds the lock. */
  private @Nullable Conversation live(OwnerState state, String threadId) {
    Conversation c = state.threads.get(threadId);
    if (c != null && policy.expired(c.written)) {
      state.threads.remove(threadId);
      state.total -= c.entries.size();
      return null;
    }
    return c;
  }

  /** Drops up to {@code max} expired conversations, oldest first; returns how many. Holds the lock. */
  private int purgeExpired(OwnerState state, int max) {
    int dropped = 0;
    Iterator<Conversation> oldestFirst = state.threads.values().iterator();
    while (dropped < max && oldestFirst.hasNext()) {
      Conversation c = oldestFirst.next();
      if (!policy.expired(c.written)) {
        break;
      }
      oldestFirst.remove();
      state.total -= c.entries.size();
      dropped++;
    }
    return dropped;
  }

  /** Removes an owner's state once it holds nothing, so that owners who left cost nothing. Holds the lock. */
  private void dropIfEmpty(OwnerState state) {
    if (state.threads.isEmpty() && !state.removed) {
      state.removed = true;
      owners.remove(state.owner, state);
    }
  }

  /** Advances the expiry sweep by a bounded number of steps; skipped while another thread sweeps. */
  private void sweep() {
    if (!sweepLock.tryLock()) {
      return;
    }
    try {
      int budget = SWEEP_BUDGET;
      boolean restarted = false;
      while (budget > 0) {
        if (!sweepCursor.hasNext()) {
          if (restarted) {
            return; // every owner was visited in this call
          }
          sweepCursor = owners.values().iterator();
          restarted = true;
          continue;
        }
        OwnerState state = sweepCursor.next();
        budget--;
        synchronized (state) {
          budget -= purgeExpired(state, Math.max(budget, 1));
          dropIfEmpty(state);
        }
      }
    } finally {
      sweepLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "InMemoryVault[" + owners.size() + " owners]";
  }
}
