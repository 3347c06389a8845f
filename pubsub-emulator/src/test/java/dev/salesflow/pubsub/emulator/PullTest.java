package dev.salesflow.pubsub.emulator;

import static dev.salesflow.pubsub.emulator.EmulatorFixture.pull;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.subscription;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publish through the real Publisher, consume with synchronous Pull through the low-level stub. */
class PullTest {

    private static final String TOPIC = topic("orders");
    private static final String SUB = subscription("bronze");

    private EmulatorFixture fixture;
    private SubscriberStub stub;

    @BeforeEach
    void start() {
        fixture = new EmulatorFixture();
        stub = fixture.subscriberStub();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    /**
     * The server runs calls on its Netty event loops (directExecutor); a Pull that waits must not
     * hold one, or every connection on that loop stalls. With more waiting Pulls than event loops
     * (2 per core), a Publish must still be answered while they wait, so one of them gets it.
     */
    @Test
    void waitingPullsDoNotHoldUpOtherCalls() throws Exception {
        fixture.createTopicAndSubscription(
                TOPIC, Subscription.newBuilder().setName(SUB).build());
        int waiting = 4 * Runtime.getRuntime().availableProcessors();
        List<SubscriberStub> stubs = new ArrayList<>();
        for (int i = 0; i < waiting; i++) {
            SubscriberStub s = fixture.subscriberStub();
            // Connects the channel, so the waiting pull below starts at once.
            s.pullCallable()
                    .call(PullRequest.newBuilder()
                            .setSubscription(SUB)
                            .setMaxMessages(1)
                            .setReturnImmediately(true)
                            .build());
            stubs.add(s);
        }
        var admin = fixture.topicAdmin();
        admin.getTopic(TOPIC);

        ExecutorService threads = Executors.newFixedThreadPool(waiting);
        List<Future<List<ReceivedMessage>>> pulls = new ArrayList<>();
        for (SubscriberStub s : stubs) {
            pulls.add(threads.submit(() -> pull(s, SUB, 1)));
        }
        Thread.sleep(200);
        admin.publish(
                TOPIC,
                List.of(PubsubMessage.newBuilder()
                        .setData(ByteString.copyFromUtf8("m"))
                        .build()));

        List<ReceivedMessage> received = new ArrayList<>();
        for (Future<List<ReceivedMessage>> p : pulls) {
            received.addAll(p.get(10, TimeUnit.SECONDS));
        }
        threads.shutdown();
        assertThat(received)
                .extracting(m -> m.getMessage().getData().toStringUtf8())
                .containsExactly("m");
    }

    @Test
    void publishedMessageIsPulledWithAttributesIdAndPublishTimeAndGoneOnceAcked() throws Exception {
        fixture.createTopicAndSubscription(
                TOPIC, Subscription.newBuilder().setName(SUB).build());
        Instant before = Instant.now();
        Publisher publisher = fixture.publisher(TOPIC);
        String id = publisher
                .publish(PubsubMessage.newBuilder()
                        .setData(ByteString.copyFromUtf8("order-1"))
                        .putAttributes("eventType", "OrderPlaced")
                        .build())
                .get(10, TimeUnit.SECONDS);

        List<ReceivedMessage> received = pullAtLeastOne();

        assertThat(received).hasSize(1);
        PubsubMessage message = received.get(0).getMessage();
        assertThat(message.getData().toStringUtf8()).isEqualTo("order-1");
        assertThat(message.getAttributesMap()).containsEntry("eventType", "OrderPlaced");
        assertThat(message.getMessageId()).isEqualTo(id);
        assertThat(Timestamps.toMillis(message.getPublishTime()))
                .isBetween(before.toEpochMilli() - 1, Instant.now().toEpochMilli());
        assertThat(received.get(0).getDeliveryAttempt()).isEqualTo(1);
        assertThat(fixture.emulator.backlog(SUB)).isEqualTo(1);

        ack(received);

        assertThat(fixture.emulator.backlog(SUB)).isZero();
        assertThat(pullNow(10)).isEmpty();
    }

    @Test
    void messageIdsAreIncreasingAndEverySubscriptionGetsEveryMessage() throws Exception {
        fixture.createTopicAndSubscription(
                TOPIC, Subscription.newBuilder().setName(SUB).build());
        fixture.subscriptionAdmin()
                .createSubscription(Subscription.newBuilder()
                        .setName(subscription("audit"))
                        .setTopic(TOPIC)
                        .build());
        Publisher publisher = fixture.publisher(TOPIC);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Long.parseLong(publisher.publish(data("m" + i)).get(10, TimeUnit.SECONDS)));
        }

        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(fixture.emulator.backlog(SUB)).isEqualTo(5);
        assertThat(fixture.emulator.backlog(subscription("audit"))).isEqualTo(5);
    }

    @Test
    void subscriptionOnlySeesMessagesPublishedAfterItWasCreated() throws Exception {
        fixture.topicAdmin().createTopic(TOPIC);
        Publisher publisher = fixture.publisher(TOPIC);
        publisher.publish(data("early")).get(10, TimeUnit.SECONDS);
        fixture.subscriptionAdmin()
                .createSubscription(
                        Subscription.newBuilder().setName(SUB).setTopic(TOPIC).build());
        publisher.publish(data("late")).get(10, TimeUnit.SECONDS);

        assertThat(pullAtLeastOne())
                .extracting(m -> m.getMessage().getData().toStringUtf8())
                .containsExactly("late");
    }

    @Test
    void pullWithReturnImmediatelyAnswersEmptyWhenNothingIsThere() {
        fixture.createTopicAndSubscription(
                TOPIC, Subscription.newBuilder().setName(SUB).build());

        assertThat(pullNow(10)).isEmpty();
    }

    @Test
    void waitingPullReturnsAMessagePublishedWhileItWaits() throws Exception {
        fixture.createTopicAndSubscription(
                TOPIC, Subscription.newBuilder().setName(SUB).build());
        AtomicReference<List<ReceivedMessage>> result = new AtomicReference<>();
        Thread puller = new Thread(() -> result.set(pull(stub, SUB, 10)));
        puller.start();

        fixture.publisher(TOPIC).publish(data("while-waiting")).get(10, TimeUnit.SECONDS);
        puller.join(Duration.ofSeconds(10).toMillis());

        // A pull that started before the publish either got it while waiting or answered empty
        // after its bounded wait; then the message must still be there.
        List<ReceivedMessage> got = new ArrayList<>(result.get());
        if (got.isEmpty()) {
            got.addAll(pullAtLeastOne());
        }
        assertThat(got).extracting(m -> m.getMessage().getData().toStringUtf8()).containsExactly("while-waiting");
    }

    @Test
    void unackedMessageIsRedeliveredAfterTheAckDeadlineWithANewAckId() throws Exception {
        // Pub/Sub's minimum is 10 s; the emulator accepts 1 s so the test stays short.
        fixture.createTopicAndSubscription(
                TOPIC,
                Subscription.newBuilder().setName(SUB).setAckDeadlineSeconds(1).build());
        fixture.publisher(TOPIC).publish(data("slow")).get(10, TimeUnit.SECONDS);
        ReceivedMessage first = pullAtLeastOne().get(0);
        assertThat(pullNow(10)).as("leased, so not deliverable yet").isEmpty();

        List<ReceivedMessage> again = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> again.addAll(pullNow(10)));

        ReceivedMessage second = again.get(0);
        assertThat(second.getMessage().getMessageId())
                .isEqualTo(first.getMessage().getMessageId());
        assertThat(second.getAckId()).isNotEqualTo(first.getAckId());
        assertThat(second.getDeliveryAttempt()).isEqualTo(2);

        ack(List.of(first));
        assertThat(fixture.emulator.backlog(SUB))
                .as("the stale ack id is ignored")
                .isEqualTo(1);
        ack(List.of(second));
        assertThat(fixture.emulator.backlog(SUB)).isZero();
    }

    @Test
    void extendingTheDeadlineKeepsTheMessageLeased() throws Exception {
        fixture.createTopicAndSubscription(
                TOPIC,
                Subscription.newBuilder().setName(SUB).setAckDeadlineSeconds(1).build());
        fixture.publisher(TOPIC).publish(data("extended")).get(10, TimeUnit.SECONDS);
        ReceivedMessage leased = pullAtLeastOne().get(0);

        modifyAckDeadline(leased, 60);

        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> pullNow(10).isEmpty());
    }

    @Test
    void nackMakesTheMessageDeliverableAtOnce() throws Exception {
        fixture.createTopicAndSubscription(
                TOPIC,
                Subscription.newBuilder()
                        .setName(SUB)
                        .setAckDeadlineSeconds(600)
                        .build());
        fixture.publisher(TOPIC).publish(data("nacked")).get(10, TimeUnit.SECONDS);
        ReceivedMessage first = pullAtLeastOne().get(0);

        modifyAckDeadline(first, 0);

        List<ReceivedMessage> again = pullNow(10);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).getMessage().getMessageId())
                .isEqualTo(first.getMessage().getMessageId());
        assertThat(again.get(0).getDeliveryAttempt()).isEqualTo(2);
    }

    @Test
    void orderedPullHandsOutAKeyInOrderAndANackTakesBackTheRestOfTheKey() throws Exception {
        fixture.createTopicAndSubscription(
                TOPIC,
                Subscription.newBuilder()
                        .setName(SUB)
                        .setEnableMessageOrdering(true)
                        .build());
        Publisher publisher = fixture.publisher(Publisher.newBuilder(TOPIC).setEnableMessageOrdering(true));
        for (String body : List.of("a1", "a2", "b1", "a3")) {
            publisher
                    .publish(data(body).toBuilder()
                            .setOrderingKey(body.substring(0, 1))
                            .build())
                    .get(10, TimeUnit.SECONDS);
        }
        publisher.publish(data("unkeyed")).get(10, TimeUnit.SECONDS);

        List<ReceivedMessage> first = pullAtLeastOne();
        assertThat(bodies(first))
                .as("several messages of a key in one response, in order")
                .containsExactly("a1", "a2", "b1", "a3", "unkeyed");
        assertThat(first.get(0).getMessage().getOrderingKey()).isEqualTo("a");

        modifyAckDeadline(first.get(1), 0); // nack a2
        assertThat(pullNow(10))
                .as("a unary pull gets the rest of a key only once what it took before is acked")
                .isEmpty();
        ack(first.subList(3, 4)); // a3's ack id was taken back with the nack of a2
        assertThat(fixture.emulator.backlog(SUB)).isEqualTo(5);

        ack(first.subList(0, 1)); // a1
        List<ReceivedMessage> again = pullNow(10);
        assertThat(bodies(again)).as("a2 and everything after it").containsExactly("a2", "a3");
        assertThat(again).extracting(ReceivedMessage::getDeliveryAttempt).containsExactly(2, 2);
        ack(again);
        ack(first.subList(2, 5));
        assertThat(fixture.emulator.backlog(SUB)).isZero();
    }

    private static PubsubMessage data(String body) {
        return PubsubMessage.newBuilder().setData(ByteString.copyFromUtf8(body)).build();
    }

    private static List<String> bodies(List<ReceivedMessage> messages) {
        return messages.stream()
                .map(m -> m.getMessage().getData().toStringUtf8())
                .toList();
    }

    private List<ReceivedMessage> pullAtLeastOne() {
        List<ReceivedMessage> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.addAll(pull(stub, SUB, 10)));
        return received;
    }

    @SuppressWarnings("deprecation") // return_immediately is deprecated but still honoured
    private List<ReceivedMessage> pullNow(int max) {
        return stub.pullCallable()
                .call(PullRequest.newBuilder()
                        .setSubscription(SUB)
                        .setMaxMessages(max)
                        .setReturnImmediately(true)
                        .build())
                .getReceivedMessagesList();
    }

    private void ack(List<ReceivedMessage> messages) {
        stub.acknowledgeCallable()
                .call(AcknowledgeRequest.newBuilder()
                        .setSubscription(SUB)
                        .addAllAckIds(
                                messages.stream().map(ReceivedMessage::getAckId).toList())
                        .build());
    }

    private void modifyAckDeadline(ReceivedMessage message, int seconds) {
        stub.modifyAckDeadlineCallable()
                .call(ModifyAckDeadlineRequest.newBuilder()
                        .setSubscription(SUB)
                        .addAckIds(message.getAckId())
                        .setAckDeadlineSeconds(seconds)
                        .build());
    }
}
