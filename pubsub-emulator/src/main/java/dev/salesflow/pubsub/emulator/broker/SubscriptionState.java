package dev.salesflow.pubsub.emulator.broker;

import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.LongSupplier;

/**
 * Delivery state of one subscription. Not thread-safe by itself: every method must be called while
 * holding the {@link Broker}'s lock, whose condition {@link #changed} it signals.
 *
 * <p>Every unacked message is in exactly one of three places:
 *
 * <ul>
 *   <li>ready: deliverable now, taken in publish sequence order so redeliveries go first. Kept
 *       as two sorted parts: {@code fresh}, a FIFO of messages never delivered (publishes append
 *       increasing sequences, so this costs O(1) per message), and {@code again}, a tree of the
 *       others (redelivered after expiry or nack, released behind an ordering key); a take
 *       merges the two by sequence;
 *   <li>{@code outstanding}: leased to a client under an ack id until its deadline;
 *   <li>{@code waitingBehindKey}: (ordered subscriptions only) a later message of an ordering key
 *       whose head message is still ready or outstanding. Keeping those out of {@code ready}
 *       makes "one message per key in flight" cost nothing at pull time.
 * </ul>
 */
final class SubscriptionState {

  /** One message as this subscription sees it. */
  private static final class Entry {
    final long sequence;
    final PubsubMessage message;
    /** Ordering key that this subscription enforces, or null when it does not apply. */
    final String orderingKey;
    int deliveryAttempt;
    String ackId;
    long deadlineNanos;
    /** The stream whose budget this lease counts against, while leased through one. */
    StreamBudget budget;
    long size = -1;

    Entry(long sequence, PubsubMessage message, String orderingKey) {
      this.sequence = sequence;
      this.message = message;
      this.orderingKey = orderingKey;
    }
  }

  /** Stale leases tolerated in the expiry queues beyond twice the outstanding count. */
  static final int COMPACT_SLACK = 1024;

  /** Marks an ordering key whose head message is out and that nothing waits behind yet. */
  private static final ArrayDeque<Entry> NOTHING_BEHIND = new ArrayDeque<>(0);

  /** A lease deadline; stale once the entry was acked, nacked or given a new deadline. */
  private record Lease(long deadlineNanos, String ackId) {}

  /**
   * Lease deadlines, one FIFO per deadline length in seconds: leases of one length are queued
   * in the order they are granted, at a clock that only moves forward under the broker lock,
   * so each FIFO is sorted by deadline and queueing costs O(1) instead of a priority queue's
   * O(log n). There are only a few lengths (the stream's or subscription's deadline, and what
   * clients ask for with ModifyAckDeadline). A deadline that would break a FIFO's order (a
   * caller passing an earlier clock) goes to {@code unorderedLeases}, a priority queue.
   */
  private final Map<Integer, ArrayDeque<Lease>> leasesBySeconds = new HashMap<>();
  private final PriorityQueue<Lease> unorderedLeases =
      new PriorityQueue<>((a, b) -> Long.compare(a.deadlineNanos(), b.deadlineNanos()));
  private int leaseCount;

  private Subscription config;
  private final boolean ordered;
  final Condition changed;
  private final LongSupplier ackIdSource;

  private final ArrayDeque<Entry> fresh = new ArrayDeque<>();
  private final TreeMap<Long, Entry> again = new TreeMap<>();
  private final Map<String, Entry> outstanding = new HashMap<>();
  private final Map<String, ArrayDeque<Entry>> waitingBehindKey = new HashMap<>();
  private long backlog;
  private boolean deleted;

  SubscriptionState(Subscription config, Condition changed, LongSupplier ackIdSource) {
    this.config = config;
    this.ordered = config.getEnableMessageOrdering();
    this.changed = changed;
    this.ackIdSource = ackIdSource;
  }

  Subscription config() {
    return config;
  }

  /** A new configuration from UpdateSubscription (never the topic or the ordering flag). */
  void reconfigure(Subscription updated) {
    config = updated;
  }

  void detachFromTopic(String deletedTopicMarker) {
    config = config.toBuilder().setTopic(deletedTopicMarker).build();
  }

  boolean ordered() {
    return ordered;
  }

  long backlog() {
    return backlog;
  }

  boolean deleted() {
    return deleted;
  }

  void markDeleted() {
    deleted = true;
    changed.signalAll();
  }

  void enqueue(long sequence, PubsubMessage message) {
    String key = ordered && !message.getOrderingKey().isEmpty() ? message.getOrderingKey() : null;
    Entry entry = new Entry(sequence, message, key);
    backlog++;
    if (key != null) {
      ArrayDeque<Entry> behind = waitingBehindKey.get(key);
      if (behind != null) {
        if (behind == NOTHING_BEHIND) {
          behind = new ArrayDeque<>(4);
          waitingBehindKey.put(key, behind);
        }
        behind.addLast(entry);
        return;
      }
      // No deque per key until a second message of the key arrives: with a key per message
      // (the app's relay) that would be one allocation per message for nothing.
      waitingBehindKey.put(key, NOTHING_BEHIND);
    }
    makeReady(entry);
  }

  /**
   * Puts an entry into the ready set. Waiters are woken only when the set stops being empty: a
   * waiting pull waits for "anything ready", and one that lingers for a fuller batch waits out its
   * own short timeout, so one signal per published message would only cost context switches.
   */
  private void makeReady(Entry entry) {
    boolean wasEmpty = !hasReady();
    Entry last = fresh.peekLast();
    if (last == null || entry.sequence > last.sequence) {
      fresh.addLast(entry);
    } else {
      again.put(entry.sequence, entry);
    }
    if (wasEmpty) {
      changed.signalAll();
    }
  }

  /** Returns leases whose deadline passed to the ready set, so they are delivered again. */
  void expireLeases(long nowNanos) {
    if (leaseCount == 0) {
      return;
    }
    for (ArrayDeque<Lease> queue : leasesBySeconds.values()) {
      while (!queue.isEmpty() && queue.peekFirst().deadlineNanos() - nowNanos <= 0) {
        leaseCount--;
        expire(queue.pollFirst());
      }
    }
    while (!unorderedLeases.isEmpty() && unorderedLeases.peek().deadlineNanos() - nowNanos <= 0) {
      leaseCount--;
      expire(unorderedLeases.poll());
    }
  }

  private void expire(Lease lease) {
    Entry entry = outstanding.get(lease.ackId());
    if (entry != null && entry.deadlineNanos == lease.deadlineNanos()) {
      makeReadyAgain(entry);
    }
  }

  /** Nanoseconds until the next lease may expire, or {@code Long.MAX_VALUE} if none is held. */
  long nanosUntilNextExpiry(long nowNanos) {
    long next = Long.MAX_VALUE;
    for (ArrayDeque<Lease> queue : leasesBySeconds.values()) {
      Lease head = queue.peekFirst();
      if (head != null) {
        next = Math.min(next, Math.max(0, head.deadlineNanos() - nowNanos));
      }
    }
    Lease head = unorderedLeases.peek();
    if (head != null) {
      next = Math.min(next, Math.max(0, head.deadlineNanos() - nowNanos));
    }
    return next;
  }

  boolean hasReady() {
    return !fresh.isEmpty() || !again.isEmpty();
  }

  int readyCount() {
    return fresh.size() + again.size();
  }

  /** Leases in the expiry queues, including stale ones not yet discarded (for tests). */
  int leaseQueueSize() {
    return leaseCount;
  }

  /** The ready entry with the lowest sequence, or null. */
  private Entry firstReady() {
    Entry first = fresh.peekFirst();
    Map.Entry<Long, Entry> redelivery = again.firstEntry();
    if (redelivery != null && (first == null || redelivery.getKey() < first.sequence)) {
      return redelivery.getValue();
    }
    return first;
  }

  private void removeReady(Entry entry) {
    if (fresh.peekFirst() == entry) {
      fresh.pollFirst();
    } else {
      again.remove(entry.sequence);
    }
  }

  List<ReceivedMessage> take(PullLimits limits, long nowNanos) {
    return take(limits.maxMessages(), limits.maxBytes(), limits.ackDeadlineSeconds(), null, nowNanos);
  }

  /**
   * Leases up to {@code maxMessages} ready messages (and {@code maxBytes}, though always at least
   * one), counting them against {@code budget} if not null.
   */
  List<ReceivedMessage> take(
      int maxMessages, long maxBytes, int ackDeadlineSeconds, StreamBudget budget, long nowNanos) {
    int deadlineSeconds =
        ackDeadlineSeconds > 0 ? ackDeadlineSeconds : config.getAckDeadlineSeconds();
    long deadline = nowNanos + TimeUnit.SECONDS.toNanos(deadlineSeconds);
    List<ReceivedMessage> batch = new ArrayList<>(Math.min(maxMessages, readyCount()));
    long bytes = 0;
    while (batch.size() < maxMessages) {
      Entry entry = firstReady();
      if (entry == null) {
        break;
      }
      if (entry.size < 0) {
        entry.size = entry.message.getSerializedSize();
      }
      long size = entry.size;
      if (!batch.isEmpty() && bytes + size > maxBytes) {
        break;
      }
      removeReady(entry);
      bytes += size;
      if (budget != null) {
        budget.lease(size);
        entry.budget = budget;
      }
      entry.deliveryAttempt++;
      entry.ackId = Long.toString(ackIdSource.getAsLong());
      entry.deadlineNanos = deadline;
      outstanding.put(entry.ackId, entry);
      addLease(deadline, deadlineSeconds, entry.ackId);
      batch.add(
          ReceivedMessage.newBuilder()
              .setAckId(entry.ackId)
              .setMessage(entry.message)
              .setDeliveryAttempt(entry.deliveryAttempt)
              .build());
    }
    return batch;
  }

  void acknowledge(Iterable<String> ackIds) {
    for (String ackId : ackIds) {
      // Unknown or stale ack ids (already acked, expired) are ignored, as Pub/Sub does without
      // exactly-once delivery.
      Entry entry = outstanding.remove(ackId);
      if (entry == null) {
        continue;
      }
      releaseBudget(entry);
      backlog--;
      if (entry.orderingKey != null) {
        releaseNextOfKey(entry.orderingKey);
      }
    }
  }

  void modifyAckDeadline(Iterable<String> ackIds, int seconds, long nowNanos) {
    for (String ackId : ackIds) {
      Entry entry = outstanding.get(ackId);
      if (entry == null) {
        continue;
      }
      if (seconds == 0) {
        makeReadyAgain(entry);
      } else {
        entry.deadlineNanos = nowNanos + TimeUnit.SECONDS.toNanos(seconds);
        addLease(entry.deadlineNanos, seconds, ackId);
      }
    }
  }

  private void makeReadyAgain(Entry entry) {
    outstanding.remove(entry.ackId);
    entry.ackId = null;
    releaseBudget(entry);
    // It stays the head of its ordering key, so later messages of the key keep waiting.
    makeReady(entry);
  }

  /** Frees the stream budget an entry's lease counted against, waking its pull if it waits. */
  private void releaseBudget(Entry entry) {
    StreamBudget budget = entry.budget;
    if (budget != null) {
      entry.budget = null;
      if (budget.release(entry.size)) {
        changed.signalAll();
      }
    }
  }

  /**
   * Queues a lease deadline. Acks, nacks and deadline changes leave the old lease in its queue
   * (stale, skipped when it comes up), so under a steady flow the queues would hold every lease
   * of the last deadline period; once stale leases outnumber live ones they are dropped from the
   * queues (which keeps each FIFO's order), so the queues stay within about twice the
   * outstanding count at amortised constant cost.
   */
  private void addLease(long deadlineNanos, int seconds, String ackId) {
    Lease lease = new Lease(deadlineNanos, ackId);
    ArrayDeque<Lease> queue = leasesBySeconds.computeIfAbsent(seconds, s -> new ArrayDeque<>());
    Lease last = queue.peekLast();
    if (last == null || deadlineNanos - last.deadlineNanos() >= 0) {
      queue.addLast(lease);
    } else {
      unorderedLeases.add(lease);
    }
    leaseCount++;
    if (leaseCount > 2 * outstanding.size() + COMPACT_SLACK) {
      for (ArrayDeque<Lease> q : leasesBySeconds.values()) {
        q.removeIf(this::stale);
      }
      unorderedLeases.removeIf(this::stale);
      leaseCount = unorderedLeases.size();
      for (ArrayDeque<Lease> q : leasesBySeconds.values()) {
        leaseCount += q.size();
      }
    }
  }

  private boolean stale(Lease lease) {
    Entry entry = outstanding.get(lease.ackId());
    return entry == null || entry.deadlineNanos != lease.deadlineNanos();
  }

  private void releaseNextOfKey(String key) {
    ArrayDeque<Entry> behind = waitingBehindKey.get(key);
    Entry next = behind == null || behind == NOTHING_BEHIND ? null : behind.pollFirst();
    if (next == null) {
      waitingBehindKey.remove(key);
      return;
    }
    makeReady(next);
  }
}
