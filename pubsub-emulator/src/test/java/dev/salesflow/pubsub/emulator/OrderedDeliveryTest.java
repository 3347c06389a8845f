package dev.salesflow.pubsub.emulator;

import static dev.salesflow.pubsub.emulator.EmulatorFixture.pull;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.subscription;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ordered delivery as Cloud Pub/Sub does it, through the real Java client: several messages of a
 * key out at once, and after a nack or an expired lease the key is delivered again from that
 * message on, in order.
 */
class OrderedDeliveryTest {

    private static final String TOPIC = topic("orders");
    private static final String SUB = subscription("ordered");

    private EmulatorFixture fixture;

    @BeforeEach
    void start() {
        fixture = new EmulatorFixture();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    /** What an ordered consumer sees of one key; every method runs under the object's lock. */
    private static final class KeyCheck {
        int expected;
        boolean awaitingRedelivery;
        int violations;
        final List<Integer> deliveries = new ArrayList<>();
        final Set<Integer> failed = new HashSet<>();
    }

    @Test
    void subscriberSeesEveryKeyInOrderWhenItNacksAndTheKeyIsRedeliveredFromTheNackedMessage() throws Exception {
        int keys = 8;
        int perKey = 60;
        createOrderedSubscription(60);
        Map<String, KeyCheck> checks = new ConcurrentHashMap<>();
        AtomicInteger nacks = new AtomicInteger();
        Subscriber subscriber = fixture.subscriber(SUB, (message, consumer) -> {
            int index = index(message);
            KeyCheck check = checks.computeIfAbsent(message.getOrderingKey(), k -> new KeyCheck());
            synchronized (check) {
                check.deliveries.add(index);
                if (index < check.expected) {
                    consumer.ack(); // already processed; came back with the rest of the key
                } else if (index > check.expected) {
                    // Behind a message this consumer nacked: allowed only until the key is
                    // redelivered from the nacked message; after that a gap is a fault.
                    if (!check.awaitingRedelivery) {
                        check.violations++;
                    }
                    consumer.nack();
                } else if (index % 7 == 3 && check.failed.add(index)) {
                    check.awaitingRedelivery = true; // every 7th fails the first time it is due
                    nacks.incrementAndGet();
                    consumer.nack();
                } else {
                    check.awaitingRedelivery = false;
                    check.expected++;
                    consumer.ack();
                }
            }
        });
        subscriber.startAsync().awaitRunning(10, TimeUnit.SECONDS);

        publishRoundRobin(keys, perKey);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> checks.size() == keys && checks.values().stream().allMatch(c -> expected(c) == perKey));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(fixture.emulator.backlog(SUB)).isZero());
        assertThat(nacks.get()).isEqualTo(keys * ((perKey - 3 + 6) / 7));
        for (var e : checks.entrySet()) {
            synchronized (e.getValue()) {
                assertThat(e.getValue().violations)
                        .as("gaps after redelivery in " + e.getKey())
                        .isZero();
                // Each nacked message came back, and the key continued from it.
                for (int nacked = 3; nacked < perKey; nacked += 7) {
                    assertThat(e.getValue().deliveries).as(e.getKey()).containsSubsequence(nacked, nacked);
                }
            }
        }
    }

    @Test
    void subscriberSeesEveryKeyInOrderWhenALeaseExpiresAndTheKeyIsRedeliveredFromThere() throws Exception {
        int keys = 4;
        int perKey = 20;
        createOrderedSubscription(10);
        Map<String, KeyCheck> checks = new ConcurrentHashMap<>();
        AtomicInteger dropped = new AtomicInteger();
        MessageReceiver receiver = (message, consumer) -> {
            int index = index(message);
            KeyCheck check = checks.computeIfAbsent(message.getOrderingKey(), k -> new KeyCheck());
            synchronized (check) {
                check.deliveries.add(index);
                if (index < check.expected) {
                    consumer.ack();
                } else if (index > check.expected) {
                    if (!check.awaitingRedelivery) {
                        check.violations++;
                    }
                    // Neither acked nor nacked: left to expire with the message it is behind.
                } else if (index == 5 && check.failed.add(index)) {
                    // A consumer that hangs on message 5: no ack, no nack, no lease extension.
                    check.awaitingRedelivery = true;
                    dropped.incrementAndGet();
                } else {
                    check.awaitingRedelivery = false;
                    check.expected++;
                    consumer.ack();
                }
            }
        };
        Subscriber subscriber = fixture.subscriber(Subscriber.newBuilder(SUB, receiver)
                // No lease extensions: the client's receipt deadline (10 s) is the lease.
                .setMaxAckExtensionPeriodDuration(Duration.ZERO));
        subscriber.startAsync().awaitRunning(10, TimeUnit.SECONDS);

        publishRoundRobin(keys, perKey);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> checks.size() == keys && checks.values().stream().allMatch(c -> expected(c) == perKey));
        assertThat(dropped.get()).isEqualTo(keys);
        for (var e : checks.entrySet()) {
            synchronized (e.getValue()) {
                assertThat(e.getValue().violations)
                        .as("gaps after redelivery in " + e.getKey())
                        .isZero();
                assertThat(e.getValue().deliveries).as(e.getKey()).containsSubsequence(5, 5, 6, 7);
            }
        }
    }

    @Test
    void keysStayInOrderAcrossParallelStreams() throws Exception {
        int keys = 16;
        int perKey = 100;
        createOrderedSubscription(60);
        Map<String, List<Integer>> received = new ConcurrentHashMap<>();
        MessageReceiver receiver = (message, consumer) -> {
            received.computeIfAbsent(message.getOrderingKey(), k -> new CopyOnWriteArrayList<>())
                    .add(index(message));
            consumer.ack();
        };
        Subscriber subscriber =
                fixture.subscriber(Subscriber.newBuilder(SUB, receiver).setParallelPullCount(4));
        subscriber.startAsync().awaitRunning(10, TimeUnit.SECONDS);

        publishRoundRobin(keys, perKey);

        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        received.size() == keys && received.values().stream().allMatch(l -> l.size() >= perKey));
        List<Integer> inOrder = IntStream.range(0, perKey).boxed().toList();
        for (var e : received.entrySet()) {
            assertThat(e.getValue()).as(e.getKey()).containsExactlyElementsOf(inOrder);
        }
    }

    @Test
    void anExpiredLeaseTakesBackTheLaterMessagesOfItsKeyEvenIfTheirLeasesWereExtended() throws Exception {
        createOrderedSubscription(1);
        publishRoundRobin(1, 5);
        SubscriberStub stub = fixture.subscriberStub();

        List<ReceivedMessage> first = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.addAll(pull(stub, SUB, 10)));
        assertThat(first).extracting(OrderedDeliveryTest::index).containsExactly(0, 1, 2, 3, 4);
        ack(stub, first.subList(0, 1));
        stub.modifyAckDeadlineCallable()
                .call(ModifyAckDeadlineRequest.newBuilder()
                        .setSubscription(SUB)
                        .addAllAckIds(ackIds(first.subList(2, 5)))
                        .setAckDeadlineSeconds(60)
                        .build());

        // Message 1 is neither acked nor extended: once its 1 s lease expires, 1..4 come back.
        List<ReceivedMessage> again = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> again.addAll(pull(stub, SUB, 10)));
        assertThat(again).extracting(OrderedDeliveryTest::index).containsExactly(1, 2, 3, 4);
        assertThat(again).extracting(ReceivedMessage::getDeliveryAttempt).containsOnly(2);

        ack(stub, first.subList(2, 5)); // the old ack ids no longer count
        assertThat(fixture.emulator.backlog(SUB)).isEqualTo(4);
        ack(stub, again);
        assertThat(fixture.emulator.backlog(SUB)).isZero();
    }

    private void createOrderedSubscription(int ackDeadlineSeconds) {
        fixture.createTopicAndSubscription(
                TOPIC,
                Subscription.newBuilder()
                        .setName(SUB)
                        .setEnableMessageOrdering(true)
                        .setAckDeadlineSeconds(ackDeadlineSeconds)
                        .build());
    }

    /** Message i of key k has body "k#i"; keys are published interleaved. */
    private void publishRoundRobin(int keys, int perKey) throws Exception {
        Publisher publisher = fixture.publisher(Publisher.newBuilder(TOPIC).setEnableMessageOrdering(true));
        List<ApiFuture<String>> ids = new ArrayList<>();
        for (int i = 0; i < perKey; i++) {
            for (int k = 0; k < keys; k++) {
                ids.add(publisher.publish(PubsubMessage.newBuilder()
                        .setData(ByteString.copyFromUtf8("key-" + k + "#" + i))
                        .setOrderingKey("key-" + k)
                        .build()));
            }
        }
        ApiFutures.allAsList(ids).get(30, TimeUnit.SECONDS);
    }

    private static int expected(KeyCheck check) {
        synchronized (check) {
            return check.expected;
        }
    }

    private static int index(PubsubMessage message) {
        return Integer.parseInt(message.getData().toStringUtf8().split("#")[1]);
    }

    private static int index(ReceivedMessage message) {
        return index(message.getMessage());
    }

    private static List<String> ackIds(List<ReceivedMessage> messages) {
        return messages.stream().map(ReceivedMessage::getAckId).toList();
    }

    private static void ack(SubscriberStub stub, List<ReceivedMessage> messages) {
        stub.acknowledgeCallable()
                .call(AcknowledgeRequest.newBuilder()
                        .setSubscription(SUB)
                        .addAllAckIds(ackIds(messages))
                        .build());
    }
}
