package dev.salesflow.pubsub.emulator.broker;

import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.Supplier;

/**
 * Delivery state of one subscription. Not thread-safe by itself: every method must be called while
 * holding the {@link Broker}'s lock, whose condition {@link #changed} it signals.
 *
 * <p>Every unacked message is in exactly one of these places:
 *
 * <ul>
 *   <li>ready: deliverable now, taken in publish sequence order so redeliveries go first. Kept
 *       as two sorted parts: {@code fresh}, a FIFO of messages never delivered (publishes append
 *       increasing sequences, so this costs O(1) per message), and {@code again}, a tree of the
 *       others (redelivered after expiry or nack, released behind an ordering key); a take
 *       merges the two by sequence;
 *   <li>{@code outstanding}: leased to a client under an ack id until its deadline;
 *   <li>(ordered subscriptions only) in its ordering key's {@link KeyState}: the key's next
 *       message ({@code next}, either in the ready set or, while earlier messages of the key
 *       are leased through a stream, parked for that stream only) or one of the messages
 *       behind it ({@code pending}).
 * </ul>
 *
 * <p>Ordering works as in Cloud Pub/Sub: several messages of one key may be out at once, in one
 * response or in successive ones, but only to the stream that holds the key's earlier messages
 * (a unary Pull gets several only within one response), so a client sees a key in order. When a
 * message of a key is nacked or its lease expires, it and every later message of the key that
 * is out are taken back (their ack ids stop working) and delivered again, in order.
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

        final long size;

        Entry(long sequence, PubsubMessage message, String orderingKey, long size) {
            this.sequence = sequence;
            this.message = message;
            this.orderingKey = orderingKey;
            this.size = size;
        }
    }

    /**
     * The messages of one ordering key that are not acked: {@code out} (leased, in order, a run
     * that precedes the rest), {@code next} (deliverable: in the ready set when nothing is out,
     * else parked for {@code owner}'s stream) and {@code pending} (behind it, in order). Removed
     * once all three are empty.
     */
    private static final class KeyState {
        ArrayDeque<Entry> out;
        Entry next;
        ArrayDeque<Entry> pending;
        /** The stream budget (or, for a unary pull, a token of that pull) the out run went to. */
        Object owner;

        boolean empty() {
            return next == null && (out == null || out.isEmpty()) && (pending == null || pending.isEmpty());
        }

        boolean hasOut() {
            return out != null && !out.isEmpty();
        }
    }

    /** Stale leases tolerated in the expiry queues beyond twice the outstanding count. */
    static final int COMPACT_SLACK = 1024;

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
    private final Supplier<String> ackIdSource;

    private final ArrayDeque<Entry> fresh = new ArrayDeque<>();
    private final TreeMap<Long, Entry> again = new TreeMap<>();
    private final Map<String, Entry> outstanding = new HashMap<>();
    private final Map<String, KeyState> keys = new HashMap<>();
    /** Next messages of keys whose earlier messages are out on a stream: only that stream takes them. */
    private final Map<StreamBudget, TreeMap<Long, Entry>> parked = new IdentityHashMap<>();

    private long backlog;
    private long backlogBytes;
    private boolean deleted;

    SubscriptionState(Subscription config, Condition changed, Supplier<String> ackIdSource) {
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

    /** Serialized size of the unacked messages. */
    long backlogBytes() {
        return backlogBytes;
    }

    boolean deleted() {
        return deleted;
    }

    void markDeleted() {
        deleted = true;
        changed.signalAll();
    }

    void enqueue(long sequence, PubsubMessage message, long size) {
        String key = ordered && !message.getOrderingKey().isEmpty() ? message.getOrderingKey() : null;
        Entry entry = new Entry(sequence, message, key, size);
        backlog++;
        backlogBytes += size;
        if (key == null) {
            makeReady(entry);
            return;
        }
        KeyState state = keys.get(key);
        if (state == null) {
            // The common case with a key per message (the app's relay): no deques at all.
            state = new KeyState();
            keys.put(key, state);
            state.next = entry;
            makeReady(entry);
            return;
        }
        if (state.pending == null) {
            state.pending = new ArrayDeque<>(4);
        }
        state.pending.addLast(entry);
        promote(state);
    }

    /**
     * Makes the first pending message of a key deliverable if none is: to anyone when nothing of
     * the key is out, else parked for the stream that has the key's earlier messages. After a
     * unary pull the rest of the key waits until what it took is acked (another pull could come
     * from another client).
     */
    private void promote(KeyState state) {
        if (state.next != null || state.pending == null || state.pending.isEmpty()) {
            return;
        }
        if (!state.hasOut()) {
            state.owner = null;
            state.next = state.pending.pollFirst();
            makeReady(state.next);
        } else if (state.owner instanceof StreamBudget stream) {
            state.next = state.pending.pollFirst();
            park(stream, state.next);
        }
    }

    private void park(StreamBudget stream, Entry entry) {
        TreeMap<Long, Entry> forStream = parked.get(stream);
        if (forStream == null) {
            forStream = new TreeMap<>();
            parked.put(stream, forStream);
        }
        boolean wasEmpty = forStream.isEmpty();
        forStream.put(entry.sequence, entry);
        if (wasEmpty) {
            changed.signalAll();
        }
    }

    private void unpark(Object owner, Entry entry) {
        if (owner instanceof StreamBudget stream) {
            TreeMap<Long, Entry> forStream = parked.get(stream);
            if (forStream != null) {
                forStream.remove(entry.sequence);
                if (forStream.isEmpty()) {
                    parked.remove(stream);
                }
            }
        }
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

    /** Whether a pull through {@code budget} (null for a unary pull) has something to take. */
    boolean hasReady(StreamBudget budget) {
        return hasReady() || (budget != null && parked.containsKey(budget));
    }

    int readyCount(StreamBudget budget) {
        TreeMap<Long, Entry> forStream = budget == null ? null : parked.get(budget);
        return fresh.size() + again.size() + (forStream == null ? 0 : forStream.size());
    }

    /** Leases in the expiry queues, including stale ones not yet discarded (for tests). */
    int leaseQueueSize() {
        return leaseCount;
    }

    /** The entry with the lowest sequence among the ready ones and {@code extra}, or null. */
    private Entry firstReady(TreeMap<Long, Entry> extra) {
        Entry first = fresh.peekFirst();
        Map.Entry<Long, Entry> redelivery = again.firstEntry();
        if (redelivery != null && (first == null || redelivery.getKey() < first.sequence)) {
            first = redelivery.getValue();
        }
        Map.Entry<Long, Entry> keyed = extra == null ? null : extra.firstEntry();
        if (keyed != null && (first == null || keyed.getKey() < first.sequence)) {
            first = keyed.getValue();
        }
        return first;
    }

    private void removeReady(Entry entry, TreeMap<Long, Entry> extra) {
        if (fresh.peekFirst() == entry) {
            fresh.pollFirst();
        } else if (again.remove(entry.sequence) == null && extra != null) {
            extra.remove(entry.sequence);
        }
    }

    List<ReceivedMessage> take(PullLimits limits, long nowNanos) {
        return take(limits.maxMessages(), limits.maxBytes(), limits.ackDeadlineSeconds(), null, nowNanos);
    }

    /**
     * Leases up to {@code maxMessages} ready messages (and {@code maxBytes}, though always at least
     * one), counting them against {@code budget} if not null. Taking a message of an ordering key
     * makes the key's following message deliverable to the same taker, so one response can carry
     * several messages of a key, in order.
     */
    List<ReceivedMessage> take(
            int maxMessages, long maxBytes, int ackDeadlineSeconds, StreamBudget budget, long nowNanos) {
        int deadlineSeconds = ackDeadlineSeconds > 0 ? ackDeadlineSeconds : config.getAckDeadlineSeconds();
        long deadline = nowNanos + TimeUnit.SECONDS.toNanos(deadlineSeconds);
        // A stream takes what is parked for it; a unary pull collects its keys' next messages in a
        // set of its own, whose rest goes back behind the keys when it is done.
        TreeMap<Long, Entry> extra = budget != null ? parked.get(budget) : null;
        Object owner = budget != null ? budget : new Object();
        List<ReceivedMessage> batch = new ArrayList<>(Math.min(maxMessages, readyCount(budget)));
        long bytes = 0;
        while (batch.size() < maxMessages) {
            Entry entry = firstReady(extra);
            if (entry == null) {
                break;
            }
            long size = entry.size;
            if (!batch.isEmpty() && bytes + size > maxBytes) {
                break;
            }
            removeReady(entry, extra);
            bytes += size;
            if (budget != null) {
                budget.lease(size);
                entry.budget = budget;
            }
            entry.deliveryAttempt++;
            entry.ackId = ackIdSource.get();
            entry.deadlineNanos = deadline;
            outstanding.put(entry.ackId, entry);
            addLease(deadline, deadlineSeconds, entry.ackId);
            batch.add(ReceivedMessage.newBuilder()
                    .setAckId(entry.ackId)
                    .setMessage(entry.message)
                    .setDeliveryAttempt(entry.deliveryAttempt)
                    .build());
            if (entry.orderingKey != null) {
                KeyState state = keys.get(entry.orderingKey);
                state.next = null;
                if (state.out == null) {
                    state.out = new ArrayDeque<>(4);
                }
                state.out.addLast(entry);
                state.owner = owner;
                if (state.pending != null && !state.pending.isEmpty()) {
                    state.next = state.pending.pollFirst();
                    if (extra == null) {
                        extra = new TreeMap<>();
                        if (budget != null) {
                            parked.put(budget, extra);
                        }
                    }
                    extra.put(state.next.sequence, state.next);
                }
            }
        }
        if (budget != null) {
            if (extra != null && extra.isEmpty()) {
                parked.remove(budget);
            }
        } else if (extra != null) {
            for (Entry left : extra.values()) {
                KeyState state = keys.get(left.orderingKey);
                state.next = null;
                state.pending.addFirst(left);
            }
        }
        return batch;
    }

    void acknowledge(Iterable<String> ackIds) {
        for (String ackId : ackIds) {
            // Unknown or stale ack ids (already acked, expired, taken back) are ignored, as Pub/Sub
            // does without exactly-once delivery.
            Entry entry = outstanding.remove(ackId);
            if (entry == null) {
                continue;
            }
            releaseBudget(entry);
            backlog--;
            backlogBytes -= entry.size;
            if (entry.orderingKey != null) {
                acked(entry);
            }
        }
    }

    /** Once nothing of its key is out, a key's next message may go to any taker. */
    private void acked(Entry entry) {
        KeyState state = keys.get(entry.orderingKey);
        state.out.remove(entry);
        if (state.hasOut()) {
            return;
        }
        if (state.next != null) {
            unpark(state.owner, state.next);
            state.owner = null;
            makeReady(state.next);
        } else {
            promote(state);
        }
        if (state.empty()) {
            keys.remove(entry.orderingKey);
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
        if (entry.orderingKey != null) {
            redeliverKeyFrom(entry);
            return;
        }
        outstanding.remove(entry.ackId);
        entry.ackId = null;
        releaseBudget(entry);
        makeReady(entry);
    }

    /**
     * A nacked or expired message of an ordering key: it and every later message of the key that
     * is out are taken back and queued, in order, in front of the rest of the key, so the key is
     * delivered again from there (Cloud Pub/Sub's rule). Earlier messages still out stay leased.
     */
    private void redeliverKeyFrom(Entry entry) {
        KeyState state = keys.get(entry.orderingKey);
        ArrayDeque<Entry> queue = new ArrayDeque<>();
        for (var it = state.out.iterator(); it.hasNext(); ) {
            Entry out = it.next();
            if (out.sequence >= entry.sequence) {
                it.remove();
                outstanding.remove(out.ackId);
                out.ackId = null;
                releaseBudget(out);
                queue.addLast(out);
            }
        }
        if (state.next != null) {
            unpark(state.owner, state.next);
            queue.addLast(state.next);
            state.next = null;
        }
        if (state.pending != null) {
            queue.addAll(state.pending);
        }
        state.pending = queue;
        if (!state.hasOut()) {
            state.owner = null;
        }
        promote(state);
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
}
