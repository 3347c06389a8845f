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

    Entry(long sequence, PubsubMessage message, String orderingKey) {
      this.sequence = sequence;
      this.message = message;
      this.orderingKey = orderingKey;
    }
  }

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
    ready.put(sequence, entry);
    changed.signalAll();
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

  List<ReceivedMessage> take(PullLimits limits, long nowNanos) {
    int deadlineSeconds =
        limits.ackDeadlineSeconds() > 0 ? limits.ackDeadlineSeconds() : config.getAckDeadlineSeconds();
    long deadline = nowNanos + TimeUnit.SECONDS.toNanos(deadlineSeconds);
    List<ReceivedMessage> batch = new ArrayList<>();
    long bytes = 0;
    Iterator<Entry> it = ready.values().iterator();
    while (it.hasNext() && batch.size() < limits.maxMessages()) {
      Entry entry = it.next();
      long size = entry.message.getSerializedSize();
      if (!batch.isEmpty() && bytes + size > limits.maxBytes()) {
        break;
      }
      it.remove();
      bytes += size;
      entry.deliveryAttempt++;
      entry.ackId = Long.toString(ackIdSource.getAsLong());
      entry.deadlineNanos = deadline;
      outstanding.put(entry.ackId, entry);
      leases.add(new Lease(deadline, entry.ackId));
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
        leases.add(new Lease(entry.deadlineNanos, ackId));
      }
    }
  }

  /** True if the ack id is currently leased (not acked, nacked or expired). */
  boolean isOutstanding(String ackId) {
    return outstanding.containsKey(ackId);
  }

  private void makeReadyAgain(Entry entry) {
    outstanding.remove(entry.ackId);
    entry.ackId = null;
    // It stays the head of its ordering key, so later messages of the key keep waiting.
    ready.put(entry.sequence, entry);
    changed.signalAll();
  }

  private void releaseNextOfKey(String key) {
    ArrayDeque<Entry> behind = waitingBehindKey.get(key);
    Entry next = behind == null ? null : behind.pollFirst();
    if (next == null) {
      waitingBehindKey.remove(key);
      return;
    }
    ready.put(next.sequence, next);
    changed.signalAll();
  }
}
