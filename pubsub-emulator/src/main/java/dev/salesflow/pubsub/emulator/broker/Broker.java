package dev.salesflow.pubsub.emulator.broker;

import com.google.protobuf.Timestamp;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-memory Pub/Sub broker: topics, subscriptions, publish fan-out, leases and redelivery.
 *
 * <p>All state is guarded by one lock. A publish must check the backlog limit of every
 * subscription of the topic and then append to all of them atomically (all or nothing), which is
 * simplest and obviously correct with a single lock; an emulator's throughput is bounded by its
 * clients (gRPC calls) long before this lock matters: every critical section is short and
 * allocation-light (see EmulatorBenchmark). Waiting pulls block on a per-subscription condition
 * of that lock, with a deadline; it is signalled when the subscription's ready set stops being
 * empty, not for every message.
 */
public final class Broker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    public static final int DEFAULT_ACK_DEADLINE_SECONDS = 10;
    public static final int MAX_ACK_DEADLINE_SECONDS = 600;
    /** What Pub/Sub shows as the topic of a subscription whose topic was deleted. */
    public static final String DELETED_TOPIC = "_deleted-topic_";

    private static final Pattern PROJECT = Pattern.compile("projects/[^/]+");
    private static final Pattern TOPIC = Pattern.compile("projects/[^/]+/topics/[^/]+");
    private static final Pattern SUBSCRIPTION = Pattern.compile("projects/[^/]+/subscriptions/[^/]+");

    private record TopicState(Topic config, Set<String> subscriptions) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<String, TopicState> topics = new TreeMap<>();
    private final TreeMap<String, SubscriptionState> subscriptions = new TreeMap<>();
    private final long maxBacklogPerSubscription;
    private final long maxBacklogBytesPerSubscription;
    private final Clock clock;
    private final AckIds ackIds = new AckIds();
    private long lastMessageId;
    private boolean closed;

    /**
     * Cloud Pub/Sub's limits on a Publish request (its "resource limits", and the Go client's
     * {@code MaxPublishRequestCount} / {@code MaxPublishRequestBytes}, "as defined by the PubSub
     * service"): at most 1,000 messages and 10 MB (10,000,000 bytes) per request, and so per
     * message. Beyond them Cloud answers INVALID_ARGUMENT, and so does the emulator.
     */
    public static final int MAX_MESSAGES_PER_PUBLISH = 1000;

    public static final long MAX_PUBLISH_BYTES = 10_000_000;

    /**
     * Cloud Pub/Sub's per-message limits ("Quotas and limits", resource limits; the ordering key's
     * in "Ordering messages"), all in UTF-8 bytes, refused with INVALID_ARGUMENT: at most 100
     * attributes, an attribute key of at most 256 bytes and a value of at most 1,024, an ordering
     * key of at most 1 KB.
     */
    public static final int MAX_ATTRIBUTES = 100;

    public static final int MAX_ATTRIBUTE_KEY_BYTES = 256;

    public static final int MAX_ATTRIBUTE_VALUE_BYTES = 1024;

    public static final int MAX_ORDERING_KEY_BYTES = 1024;

    public Broker(long maxBacklogPerSubscription) {
        this(maxBacklogPerSubscription, Long.MAX_VALUE, Clock.systemUTC());
    }

    /**
     * @param maxBacklogPerSubscription unacked messages a subscription may hold
     * @param maxBacklogBytesPerSubscription serialized bytes of unacked messages it may hold
     */
    public Broker(long maxBacklogPerSubscription, long maxBacklogBytesPerSubscription) {
        this(maxBacklogPerSubscription, maxBacklogBytesPerSubscription, Clock.systemUTC());
    }

    public Broker(long maxBacklogPerSubscription, long maxBacklogBytesPerSubscription, Clock clock) {
        if (maxBacklogPerSubscription <= 0 || maxBacklogBytesPerSubscription <= 0) {
            throw new IllegalArgumentException("backlog limits must be positive");
        }
        this.maxBacklogPerSubscription = maxBacklogPerSubscription;
        this.maxBacklogBytesPerSubscription = maxBacklogBytesPerSubscription;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- topics

    public Topic createTopic(Topic topic) {
        requireName(TOPIC, topic.getName(), "topic");
        lock.lock();
        try {
            if (topics.containsKey(topic.getName())) {
                throw new BrokerException(ErrorCode.ALREADY_EXISTS, "Topic already exists: " + topic.getName());
            }
            topics.put(topic.getName(), new TopicState(topic, new TreeSet<>()));
            log.debug("Created topic {}", topic.getName());
            return topic;
        } finally {
            lock.unlock();
        }
    }

    public Topic getTopic(String name) {
        requireName(TOPIC, name, "topic");
        lock.lock();
        try {
            return topic(name).config();
        } finally {
            lock.unlock();
        }
    }

    public Page<Topic> listTopics(String project, int pageSize, String pageToken) {
        requireName(PROJECT, project, "project");
        lock.lock();
        try {
            return page(topics, project + "/topics/", pageSize, pageToken, TopicState::config);
        } finally {
            lock.unlock();
        }
    }

    public Page<String> listTopicSubscriptions(String topic, int pageSize, String pageToken) {
        requireName(TOPIC, topic, "topic");
        lock.lock();
        try {
            TreeMap<String, String> names = new TreeMap<>();
            topic(topic).subscriptions().forEach(s -> names.put(s, s));
            return page(names, "", pageSize, pageToken, Function.identity());
        } finally {
            lock.unlock();
        }
    }

    /** Deletes a topic; its subscriptions survive, detached, as in Pub/Sub. */
    public void deleteTopic(String name) {
        requireName(TOPIC, name, "topic");
        lock.lock();
        try {
            TopicState removed = topic(name);
            topics.remove(name);
            for (String sub : removed.subscriptions()) {
                subscriptions.get(sub).detachFromTopic(DELETED_TOPIC);
            }
            log.debug("Deleted topic {}", name);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- subscriptions

    /**
     * Creates a subscription. Unlike Pub/Sub (10..600 s), any ack deadline from 1 to 600 s is
     * accepted so tests can observe redelivery quickly; 0 means the default of 10 s.
     */
    public Subscription createSubscription(Subscription request) {
        requireName(SUBSCRIPTION, request.getName(), "subscription");
        requireName(TOPIC, request.getTopic(), "topic");
        int deadline = request.getAckDeadlineSeconds();
        if (deadline < 0 || deadline > MAX_ACK_DEADLINE_SECONDS) {
            throw BrokerException.invalid("ack_deadline_seconds must be within 0..600, got " + deadline);
        }
        Subscription config = request.toBuilder()
                .setAckDeadlineSeconds(deadline == 0 ? DEFAULT_ACK_DEADLINE_SECONDS : deadline)
                .build();
        lock.lock();
        try {
            if (subscriptions.containsKey(config.getName())) {
                throw new BrokerException(ErrorCode.ALREADY_EXISTS, "Subscription already exists: " + config.getName());
            }
            TopicState topic = topic(config.getTopic());
            subscriptions.put(config.getName(), new SubscriptionState(config, lock.newCondition(), ackIds::next));
            topic.subscriptions().add(config.getName());
            log.debug("Created subscription {} on {}", config.getName(), config.getTopic());
            return config;
        } finally {
            lock.unlock();
        }
    }

    /** The fields UpdateSubscription may change here (those Pub/Sub changes in place, minus push). */
    private static final Set<String> UPDATABLE_SUBSCRIPTION_FIELDS = Set.of(
            "ack_deadline_seconds",
            "retry_policy",
            "dead_letter_policy",
            "message_retention_duration",
            "expiration_policy",
            "labels");

    /**
     * Copies the fields named by {@code paths} from {@code update} into the stored subscription. As
     * in Pub/Sub, the topic, filter and message ordering cannot change (INVALID_ARGUMENT); the new
     * ack deadline applies to deliveries from now on.
     */
    public Subscription updateSubscription(Subscription update, List<String> paths) {
        requireName(SUBSCRIPTION, update.getName(), "subscription");
        if (paths.isEmpty()) {
            throw BrokerException.invalid("update_mask must name at least one field");
        }
        for (String path : paths) {
            if (!UPDATABLE_SUBSCRIPTION_FIELDS.contains(path)) {
                throw BrokerException.invalid("Field "
                        + path
                        + " cannot be updated; updatable here: "
                        + new TreeSet<>(UPDATABLE_SUBSCRIPTION_FIELDS));
            }
        }
        if (paths.contains("ack_deadline_seconds")) {
            int deadline = update.getAckDeadlineSeconds();
            if (deadline < 0 || deadline > MAX_ACK_DEADLINE_SECONDS) {
                throw BrokerException.invalid("ack_deadline_seconds must be within 0..600, got " + deadline);
            }
        }
        lock.lock();
        try {
            SubscriptionState state = subscription(update.getName());
            Subscription.Builder config = state.config().toBuilder();
            for (String path : paths) {
                switch (path) {
                    case "ack_deadline_seconds" ->
                        config.setAckDeadlineSeconds(
                                update.getAckDeadlineSeconds() == 0
                                        ? DEFAULT_ACK_DEADLINE_SECONDS
                                        : update.getAckDeadlineSeconds());
                    case "retry_policy" -> config.clearRetryPolicy().mergeFrom(onlyRetry(update));
                    case "dead_letter_policy" -> config.clearDeadLetterPolicy().mergeFrom(onlyDeadLetter(update));
                    case "message_retention_duration" ->
                        config.setMessageRetentionDuration(update.getMessageRetentionDuration());
                    case "expiration_policy" -> config.clearExpirationPolicy().mergeFrom(onlyExpiration(update));
                    default -> config.clearLabels().putAllLabels(update.getLabelsMap());
                }
            }
            state.reconfigure(config.build());
            log.debug("Updated subscription {}: {}", update.getName(), paths);
            return state.config();
        } finally {
            lock.unlock();
        }
    }

    private static Subscription onlyRetry(Subscription update) {
        return update.hasRetryPolicy()
                ? Subscription.newBuilder()
                        .setRetryPolicy(update.getRetryPolicy())
                        .build()
                : Subscription.getDefaultInstance();
    }

    private static Subscription onlyDeadLetter(Subscription update) {
        return update.hasDeadLetterPolicy()
                ? Subscription.newBuilder()
                        .setDeadLetterPolicy(update.getDeadLetterPolicy())
                        .build()
                : Subscription.getDefaultInstance();
    }

    private static Subscription onlyExpiration(Subscription update) {
        return update.hasExpirationPolicy()
                ? Subscription.newBuilder()
                        .setExpirationPolicy(update.getExpirationPolicy())
                        .build()
                : Subscription.getDefaultInstance();
    }

    public Subscription getSubscription(String name) {
        requireName(SUBSCRIPTION, name, "subscription");
        lock.lock();
        try {
            return subscription(name).config();
        } finally {
            lock.unlock();
        }
    }

    public Page<Subscription> listSubscriptions(String project, int pageSize, String pageToken) {
        requireName(PROJECT, project, "project");
        lock.lock();
        try {
            return page(subscriptions, project + "/subscriptions/", pageSize, pageToken, SubscriptionState::config);
        } finally {
            lock.unlock();
        }
    }

    public void deleteSubscription(String name) {
        requireName(SUBSCRIPTION, name, "subscription");
        lock.lock();
        try {
            SubscriptionState removed = subscription(name);
            subscriptions.remove(name);
            TopicState topic = topics.get(removed.config().getTopic());
            if (topic != null) {
                topic.subscriptions().remove(name);
            }
            // Wakes pulls waiting on it; they then report NOT_FOUND.
            removed.markDeleted();
            log.debug("Deleted subscription {}", name);
        } finally {
            lock.unlock();
        }
    }

    /** Serialized bytes of the messages {@link #backlog} counts. */
    public long backlogBytes(String subscription) {
        lock.lock();
        try {
            return subscription(subscription).backlogBytes();
        } finally {
            lock.unlock();
        }
    }

    /** Messages published to the subscription and not acked yet (ready, leased or queued by key). */
    public long backlog(String subscription) {
        lock.lock();
        try {
            return subscription(subscription).backlog();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- data path

    private static void checkAttributesAndOrderingKey(PubsubMessage message) {
        if (message.getAttributesCount() > MAX_ATTRIBUTES) {
            throw BrokerException.invalid("A message may carry at most " + MAX_ATTRIBUTES + " attributes, got "
                    + message.getAttributesCount() + "; move the rest into the data");
        }
        for (Map.Entry<String, String> attribute : message.getAttributesMap().entrySet()) {
            int keyBytes = utf8Length(attribute.getKey());
            if (keyBytes > MAX_ATTRIBUTE_KEY_BYTES) {
                throw BrokerException.invalid("The attribute key \"" + abbreviate(attribute.getKey()) + "\" is "
                        + keyBytes + " bytes, but the maximum allowed is " + MAX_ATTRIBUTE_KEY_BYTES
                        + " (UTF-8); use a shorter key");
            }
            int valueBytes = utf8Length(attribute.getValue());
            if (valueBytes > MAX_ATTRIBUTE_VALUE_BYTES) {
                throw BrokerException.invalid("The attribute \"" + abbreviate(attribute.getKey()) + "\" has a value of "
                        + valueBytes + " bytes, but the maximum allowed is " + MAX_ATTRIBUTE_VALUE_BYTES
                        + " (UTF-8); put long values in the data");
            }
        }
        int orderingKeyBytes = utf8Length(message.getOrderingKey());
        if (orderingKeyBytes > MAX_ORDERING_KEY_BYTES) {
            throw BrokerException.invalid("The ordering key \"" + abbreviate(message.getOrderingKey()) + "\" is "
                    + orderingKeyBytes + " bytes, but the maximum allowed is " + MAX_ORDERING_KEY_BYTES
                    + " (UTF-8); use a shorter key, such as an id or its hash");
        }
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Enough of a long key to recognise it in an error message. */
    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /**
     * Publishes messages, returning their ids in request order. A request beyond Cloud Pub/Sub's
     * limits ({@link #MAX_MESSAGES_PER_PUBLISH}, {@link #MAX_PUBLISH_BYTES}, one ordering key per
     * request) is refused with INVALID_ARGUMENT. Either every message reaches every subscription of the topic, or, if any
     * subscription would exceed its backlog limit (messages or bytes), nothing is stored and
     * RESOURCE_EXHAUSTED is thrown (publishers retry that code).
     */
    public List<String> publish(String topicName, List<PubsubMessage> messages) {
        if (messages.isEmpty()) {
            throw BrokerException.invalid("Publish requires at least one message");
        }
        if (messages.size() > MAX_MESSAGES_PER_PUBLISH) {
            throw BrokerException.invalid("A Publish request may carry at most " + MAX_MESSAGES_PER_PUBLISH
                    + " messages, got " + messages.size() + "; send them in smaller batches");
        }
        long requestBytes = 0;
        String orderingKey = messages.get(0).getOrderingKey();
        for (PubsubMessage message : messages) {
            // Cloud Pub/Sub: all messages of one Publish request carry the same ordering key.
            if (!message.getOrderingKey().equals(orderingKey)) {
                throw BrokerException.invalid("All messages of a Publish request must have the same ordering key, got '"
                        + orderingKey + "' and '" + message.getOrderingKey()
                        + "'; publish each key in its own request");
            }
            if (message.getData().isEmpty() && message.getAttributesCount() == 0) {
                throw BrokerException.invalid("A message must have data or attributes");
            }
            checkAttributesAndOrderingKey(message);
            long size = message.getSerializedSize();
            if (size > MAX_PUBLISH_BYTES) {
                throw BrokerException.invalid("Message of " + size + " bytes exceeds Pub/Sub's limit of "
                        + MAX_PUBLISH_BYTES + " bytes (10 MB); store large payloads elsewhere and publish a reference");
            }
            requestBytes += size;
        }
        if (requestBytes > MAX_PUBLISH_BYTES) {
            throw BrokerException.invalid("Publish request of " + requestBytes + " bytes exceeds Pub/Sub's limit of "
                    + MAX_PUBLISH_BYTES + " bytes (10 MB); send the messages in smaller batches");
        }
        lock.lock();
        try {
            TopicState topic = knownTopic(topicName);
            List<SubscriptionState> targets =
                    new ArrayList<>(topic.subscriptions().size());
            for (String name : topic.subscriptions()) {
                SubscriptionState sub = subscriptions.get(name);
                if (sub.backlog() + messages.size() > maxBacklogPerSubscription) {
                    throw new BrokerException(
                            ErrorCode.RESOURCE_EXHAUSTED,
                            "Backlog limit of " + maxBacklogPerSubscription + " messages reached for " + name
                                    + "; its subscriber must ack before more can be published");
                }
                if (sub.backlogBytes() + requestBytes > maxBacklogBytesPerSubscription) {
                    throw new BrokerException(
                            ErrorCode.RESOURCE_EXHAUSTED,
                            "Backlog limit of " + maxBacklogBytesPerSubscription + " bytes reached for " + name
                                    + " (" + sub.backlogBytes() + " bytes unacked); its subscriber must ack before"
                                    + " more can be published");
                }
                targets.add(sub);
            }
            Instant now = clock.instant();
            Timestamp publishTime = Timestamp.newBuilder()
                    .setSeconds(now.getEpochSecond())
                    .setNanos(now.getNano())
                    .build();
            List<String> ids = new ArrayList<>(messages.size());
            for (PubsubMessage message : messages) {
                long sequence = ++lastMessageId;
                String id = Long.toString(sequence);
                PubsubMessage stored = stored(message, id, publishTime);
                long size = stored.getSerializedSize();
                for (SubscriptionState sub : targets) {
                    sub.enqueue(sequence, stored, size);
                }
                ids.add(id);
            }
            return ids;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The message as subscribers receive it: the published one with its id and publish time. Built
     * field by field rather than with {@code toBuilder()}, whose generic merge (the attributes map
     * above all) was the largest cost of a publish in the emulator.
     */
    private static PubsubMessage stored(PubsubMessage message, String id, Timestamp publishTime) {
        PubsubMessage.Builder stored = PubsubMessage.newBuilder()
                .setData(message.getData())
                .setMessageId(id)
                .setPublishTime(publishTime);
        if (message.getAttributesCount() > 0) {
            stored.putAllAttributes(message.getAttributesMap());
        }
        if (!message.getOrderingKey().isEmpty()) {
            stored.setOrderingKey(message.getOrderingKey());
        }
        if (!message.getUnknownFields().asMap().isEmpty()) {
            stored.setUnknownFields(message.getUnknownFields());
        }
        return stored.build();
    }

    /** Pulls without a way to abandon the wait early. */
    public List<ReceivedMessage> pull(String subscription, PullLimits limits) {
        return pull(subscription, limits, () -> false);
    }

    /**
     * Leases up to {@code limits.maxMessages()} messages. If none is deliverable, waits until one
     * is, the wait time passes, {@code abandoned} turns true (checked whenever the subscription
     * changes or {@link #wakeUp} is called), or the thread is interrupted; then returns what there
     * is, possibly nothing.
     */
    public List<ReceivedMessage> pull(String subscription, PullLimits limits, BooleanSupplier abandoned) {
        return pull(subscription, limits, abandoned, 0);
    }

    /**
     * Like {@link #pull(String, PullLimits, BooleanSupplier)}, but once a message is deliverable
     * and fewer than {@code limits.maxMessages()} are, waits up to {@code lingerNanos} more for the
     * batch to fill (never past the pull's own wait). A stream uses this to send messages that are
     * published one at a time in batches rather than one response per message.
     */
    public List<ReceivedMessage> pull(
            String subscription, PullLimits limits, BooleanSupplier abandoned, long lingerNanos) {
        return pull(subscription, limits, abandoned, lingerNanos, null);
    }

    /**
     * Like {@link #pull(String, PullLimits, BooleanSupplier, long)}, for a stream with a flow-control
     * budget: hands out no more than the budget has room for, counts what it leases against it,
     * and while the budget is used up waits (like for a message) until an ack, nack or lease
     * expiry frees some.
     */
    public List<ReceivedMessage> pull(
            String subscription, PullLimits limits, BooleanSupplier abandoned, long lingerNanos, StreamBudget budget) {
        long start = System.nanoTime();
        long waitUntil = start + limits.maxWait().toNanos();
        long lingerUntil = 0;
        boolean lingering = false;
        lock.lock();
        try {
            SubscriptionState sub = knownSubscription(subscription);
            while (true) {
                ensureOpen();
                if (sub.deleted()) {
                    throw BrokerException.notFound("Subscription", subscription);
                }
                long now = System.nanoTime();
                sub.expireLeases(now);
                int maxMessages = limits.maxMessages();
                long maxBytes = limits.maxBytes();
                if (budget != null) {
                    maxMessages = (int) Math.min(maxMessages, Math.max(0, budget.remainingMessages()));
                    maxBytes = Math.min(maxBytes, budget.remainingBytes());
                }
                boolean hasBudget = maxMessages > 0 && maxBytes > 0;
                if (hasBudget && sub.hasReady(budget)) {
                    int ack = limits.ackDeadlineSeconds();
                    if (lingerNanos <= 0 || sub.readyCount(budget) >= maxMessages) {
                        return sub.take(maxMessages, maxBytes, ack, budget, now);
                    }
                    if (!lingering) {
                        lingering = true;
                        lingerUntil = now + lingerNanos;
                    }
                    long left = Math.min(lingerUntil, waitUntil) - now;
                    if (left <= 0 || abandoned.getAsBoolean()) {
                        return sub.take(maxMessages, maxBytes, ack, budget, now);
                    }
                    try {
                        // Not signalled per message (only when the ready set stops being empty): sleeps
                        // out the linger unless the stream ends.
                        sub.changed.awaitNanos(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return sub.take(maxMessages, maxBytes, ack, budget, System.nanoTime());
                    }
                    continue;
                }
                long remaining = waitUntil - now;
                if (remaining <= 0 || abandoned.getAsBoolean()) {
                    return List.of();
                }
                if (!hasBudget) {
                    budget.waiting = true;
                }
                // Wake up in time for the next lease expiry, which may make a message deliverable.
                long wait = Math.min(remaining, sub.nanosUntilNextExpiry(now));
                try {
                    sub.changed.awaitNanos(Math.max(wait, 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes pulls waiting on a subscription so they re-check their {@code abandoned} condition. */
    public void wakeUp(String subscription) {
        lock.lock();
        try {
            SubscriptionState sub = subscriptions.get(subscription);
            if (sub != null) {
                sub.changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    public void acknowledge(String subscription, Collection<String> ackIds) {
        lock.lock();
        try {
            knownSubscription(subscription).acknowledge(ackIds);
        } finally {
            lock.unlock();
        }
    }

    /** Extends (or with 0 seconds, gives up) the leases of {@code ackIds}. */
    public void modifyAckDeadline(String subscription, Collection<String> ackIds, int seconds) {
        if (seconds < 0 || seconds > MAX_ACK_DEADLINE_SECONDS) {
            requireName(SUBSCRIPTION, subscription, "subscription");
            throw BrokerException.invalid("ack_deadline_seconds must be within 0..600, got " + seconds);
        }
        lock.lock();
        try {
            knownSubscription(subscription).modifyAckDeadline(ackIds, seconds, System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    /** Size of a subscription's lease expiry queue, stale entries included (for tests). */
    int leaseQueueSize(String subscription) {
        lock.lock();
        try {
            return subscription(subscription).leaseQueueSize();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further pulls and wakes every waiting one. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            subscriptions.values().forEach(s -> s.changed.signalAll());
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- helpers

    private void ensureOpen() {
        if (closed) {
            throw new BrokerException(ErrorCode.UNAVAILABLE, "Emulator is shutting down");
        }
    }

    private TopicState topic(String name) {
        TopicState topic = topics.get(name);
        if (topic == null) {
            throw BrokerException.notFound("Topic", name);
        }
        return topic;
    }

    /**
     * The topic of a data-path call. The name pattern is checked only when the topic is unknown
     * (a stored name is valid), so that a malformed name still answers INVALID_ARGUMENT.
     */
    private TopicState knownTopic(String name) {
        TopicState topic = name == null ? null : topics.get(name);
        if (topic == null) {
            requireName(TOPIC, name, "topic");
            throw BrokerException.notFound("Topic", name);
        }
        return topic;
    }

    /** Like {@link #knownTopic} for subscriptions. */
    private SubscriptionState knownSubscription(String name) {
        SubscriptionState sub = name == null ? null : subscriptions.get(name);
        if (sub == null) {
            requireName(SUBSCRIPTION, name, "subscription");
            throw BrokerException.notFound("Subscription", name);
        }
        return sub;
    }

    private SubscriptionState subscription(String name) {
        SubscriptionState sub = subscriptions.get(name);
        if (sub == null) {
            throw BrokerException.notFound("Subscription", name);
        }
        return sub;
    }

    private static void requireName(Pattern pattern, String name, String what) {
        if (name == null || !pattern.matcher(name).matches()) {
            throw BrokerException.invalid("Invalid " + what + " name: '" + name + "'");
        }
    }

    /**
     * Pages over the keys of {@code all} that start with {@code prefix}. The page token is the last
     * key of the previous page, so pages stay consistent while entries come and go.
     */
    private static <S, T> Page<T> page(
            NavigableMap<String, S> all, String prefix, int pageSize, String pageToken, Function<S, T> view) {
        if (pageSize < 0) {
            throw BrokerException.invalid("page_size must not be negative");
        }
        NavigableMap<String, S> rest =
                pageToken == null || pageToken.isEmpty() ? all.tailMap(prefix, true) : all.tailMap(pageToken, false);
        List<T> items = new ArrayList<>();
        String last = null;
        for (var e : rest.entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            if (pageSize > 0 && items.size() == pageSize) {
                return new Page<>(items, last);
            }
            items.add(view.apply(e.getValue()));
            last = e.getKey();
        }
        return new Page<>(items, "");
    }
}
