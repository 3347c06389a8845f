package dev.salesflow.pubsub.emulator.broker;

import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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
 *   <li>{@code ready}: deliverable now, ordered by publish sequence so redeliveries go first;
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

  /** Stale leases tolerated in the expiry queue beyond twice the outstanding count. */
  static final int COMPACT_SLACK = 1024;

  /** A lease deadline; stale once the entry was acked, nacked or given a new deadline. */
  private record Lease(long deadlineNanos, String ackId) {}

  private Subscription config;
  private final boolean ordered;
  final Condition changed;
  private final LongSupplier ackIdSource;

  private final TreeMap<Long, Entry> ready = new TreeMap<>();
  private final Map<String, Entry> outstanding = new HashMap<>();
  private final PriorityQueue<Lease> leases =
      new PriorityQueue<>((a, b) -> Long.compare(a.deadlineNanos(), b.deadlineNanos()));
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
        behind.addLast(entry);
        return;
      }
      waitingBehindKey.put(key, new ArrayDeque<>());
    }
    makeReady(entry);
  }

  /**
   * Puts an entry into the ready set. Waiters are woken only when the set stops being empty: a
   * waiting pull waits for "anything ready", and one that lingers for a fuller batch waits out its
   * own short timeout, so one signal per published message would only cost context switches.
   */
  private void makeReady(Entry entry) {
    boolean wasEmpty = ready.isEmpty();
    ready.put(entry.sequence, entry);
    if (wasEmpty) {
      changed.signalAll();
    }
  }

  /** Returns leases whose deadline passed to the ready set, so they are delivered again. */
  void expireLeases(long nowNanos) {
    while (!leases.isEmpty() && leases.peek().deadlineNanos() - nowNanos <= 0) {
      Lease lease = leases.poll();
      Entry entry = outstanding.get(lease.ackId());
      if (entry != null && entry.deadlineNanos == lease.deadlineNanos()) {
        makeReadyAgain(entry);
      }
    }
  }

  /** Nanoseconds until the next lease may expire, or {@code Long.MAX_VALUE} if none is held. */
  long nanosUntilNextExpiry(long nowNanos) {
    Lease next = leases.peek();
    return next == null ? Long.MAX_VALUE : Math.max(0, next.deadlineNanos() - nowNanos);
  }

  boolean hasReady() {
    return !ready.isEmpty();
  }

  int readyCount() {
    return ready.size();
  }

  /** Leases in the expiry queue, including stale ones not yet discarded (for tests). */
  int leaseQueueSize() {
    return leases.size();
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
    List<ReceivedMessage> batch = new ArrayList<>(Math.min(maxMessages, ready.size()));
    long bytes = 0;
    Iterator<Entry> it = ready.values().iterator();
    while (it.hasNext() && batch.size() < maxMessages) {
      Entry entry = it.next();
      if (entry.size < 0) {
        entry.size = entry.message.getSerializedSize();
      }
      long size = entry.size;
      if (!batch.isEmpty() && bytes + size > maxBytes) {
        break;
      }
      it.remove();
      bytes += size;
      if (budget != null) {
        budget.lease(size);
        entry.budget = budget;
      }
      entry.deliveryAttempt++;
      entry.ackId = Long.toString(ackIdSource.getAsLong());
      entry.deadlineNanos = deadline;
      outstanding.put(entry.ackId, entry);
      addLease(deadline, entry.ackId);
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
        addLease(entry.deadlineNanos, ackId);
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
   * Queues a lease deadline. Acks, nacks and deadline changes leave the old lease in the queue
   * (stale, skipped when it comes up), so under a steady flow the queue would hold every lease of
   * the last deadline period; once stale leases outnumber live ones the queue is rebuilt from the
   * outstanding entries, which keeps it within about twice the outstanding count at amortised
   * constant cost.
   */
  private void addLease(long deadlineNanos, String ackId) {
    leases.add(new Lease(deadlineNanos, ackId));
    if (leases.size() > 2 * outstanding.size() + COMPACT_SLACK) {
      leases.clear();
      for (Entry entry : outstanding.values()) {
        leases.add(new Lease(entry.deadlineNanos, entry.ackId));
      }
    }
  }

  private void releaseNextOfKey(String key) {
    ArrayDeque<Entry> behind = waitingBehindKey.get(key);
    Entry next = behind == null ? null : behind.pollFirst();
    if (next == null) {
      waitingBehindKey.remove(key);
      return;
    }
    makeReady(next);
  }
}
