package dev.salesflow.pubsub.emulator.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker's data path without gRPC: stream budgets (freed by acks from any route and by lease
 * expiry), batching of messages published one at a time, the lease queue's compaction and name
 * checks on the fast path.
 */
class BrokerDataPathTest {

    private static final String TOPIC = "projects/p/topics/t";
    private static final String SUB = "projects/p/subscriptions/s";
    /** Longer than any wait below is allowed to take, so a return before it proves a wake-up. */
    private static final Duration LONG_WAIT = Duration.ofSeconds(30);

    private final Broker broker = new Broker(1_000_000);

    @AfterEach
    void close() {
        broker.close();
    }

    private void createSubscription(int ackDeadlineSeconds) {
        broker.createTopic(Topic.newBuilder().setName(TOPIC).build());
        broker.createSubscription(Subscription.newBuilder()
                .setName(SUB)
                .setTopic(TOPIC)
                .setAckDeadlineSeconds(ackDeadlineSeconds)
                .build());
    }

    private void publish(int count) {
        for (int i = 0; i < count; i++) {
            broker.publish(TOPIC, List.of(message("m" + i)));
        }
    }

    private static PubsubMessage message(String body) {
        return PubsubMessage.newBuilder().setData(ByteString.copyFromUtf8(body)).build();
    }

    private static List<String> ackIds(List<ReceivedMessage> messages) {
        return messages.stream().map(ReceivedMessage::getAckId).toList();
    }

    @Test
    void streamBudgetLimitsLeasesAndAnAckByAnyRouteFreesItAtOnce() throws Exception {
        createSubscription(60);
        publish(5);
        StreamBudget budget = new StreamBudget(2, 0);
        PullLimits limits = new PullLimits(1000, Long.MAX_VALUE, 0, LONG_WAIT);

        List<ReceivedMessage> first = broker.pull(SUB, limits, () -> false, 0, budget);
        assertThat(first)
                .extracting(m -> m.getMessage().getData().toStringUtf8())
                .containsExactly("m0", "m1");

        // Budget used up: the next pull waits although three messages are ready...
        CompletableFuture<List<ReceivedMessage>> blocked =
                CompletableFuture.supplyAsync(() -> broker.pull(SUB, limits, () -> false, 0, budget));
        Thread.sleep(200);
        assertThat(blocked).isNotDone();

        // ...until an ack (here as the unary Acknowledge RPC delivers it) frees budget.
        long acked = System.nanoTime();
        broker.acknowledge(SUB, ackIds(first));
        List<ReceivedMessage> second = blocked.get(10, TimeUnit.SECONDS);
        assertThat(System.nanoTime() - acked).isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(second)
                .extracting(m -> m.getMessage().getData().toStringUtf8())
                .containsExactly("m2", "m3");
        assertThat(broker.backlog(SUB)).isEqualTo(3);
    }

    @Test
    void byteBudgetLetsOneMessageThroughThenWaitsForItsAck() {
        createSubscription(60);
        publish(3);
        StreamBudget budget = new StreamBudget(0, 1);
        PullLimits limits = new PullLimits(1000, Long.MAX_VALUE, 0, Duration.ZERO);

        List<ReceivedMessage> first = broker.pull(SUB, limits, () -> false, 0, budget);
        assertThat(first).hasSize(1);
        assertThat(broker.pull(SUB, limits, () -> false, 0, budget)).isEmpty();
        broker.acknowledge(SUB, ackIds(first));
        assertThat(broker.pull(SUB, limits, () -> false, 0, budget)).hasSize(1);
    }

    @Test
    void expiredLeaseFreesTheBudgetAndIsRedeliveredOnTheSameStream() throws Exception {
        createSubscription(1);
        publish(1);
        StreamBudget budget = new StreamBudget(1, 0);
        PullLimits limits = new PullLimits(1000, Long.MAX_VALUE, 0, LONG_WAIT);

        ReceivedMessage first = broker.pull(SUB, limits, () -> false, 0, budget).get(0);
        long leased = System.nanoTime();
        // Never acked: after its 1 s deadline it is ready again, and the budget it held is free.
        ReceivedMessage again = broker.pull(SUB, limits, () -> false, 0, budget).get(0);

        assertThat(System.nanoTime() - leased).isLessThan(TimeUnit.SECONDS.toNanos(10));
        assertThat(again.getMessage().getMessageId())
                .isEqualTo(first.getMessage().getMessageId());
        assertThat(again.getAckId()).isNotEqualTo(first.getAckId());
        assertThat(again.getDeliveryAttempt()).isEqualTo(2);
    }

    @Test
    void nackFreesTheBudget() {
        createSubscription(60);
        publish(2);
        StreamBudget budget = new StreamBudget(1, 0);
        PullLimits limits = new PullLimits(1000, Long.MAX_VALUE, 0, Duration.ZERO);

        ReceivedMessage first = broker.pull(SUB, limits, () -> false, 0, budget).get(0);
        assertThat(broker.pull(SUB, limits, () -> false, 0, budget)).isEmpty();
        broker.modifyAckDeadline(SUB, List.of(first.getAckId()), 0);

        List<ReceivedMessage> next = broker.pull(SUB, limits, () -> false, 0, budget);
        assertThat(next)
                .extracting(m -> m.getMessage().getMessageId())
                .containsExactly(first.getMessage().getMessageId());
    }

    @Test
    void lingeringPullGathersMessagesPublishedOneAtATime() throws Exception {
        createSubscription(60);
        publish(1);
        PullLimits limits = new PullLimits(10, Long.MAX_VALUE, 0, LONG_WAIT);
        long linger = TimeUnit.MILLISECONDS.toNanos(500);

        CompletableFuture<List<ReceivedMessage>> batch =
                CompletableFuture.supplyAsync(() -> broker.pull(SUB, limits, () -> false, linger));
        for (int i = 1; i < 4; i++) {
            broker.publish(TOPIC, List.of(message("m" + i)));
        }

        assertThat(batch.get(10, TimeUnit.SECONDS))
                .extracting(m -> m.getMessage().getData().toStringUtf8())
                .containsExactly("m0", "m1", "m2", "m3");
    }

    @Test
    void fullBatchDoesNotLinger() {
        createSubscription(60);
        publish(3);
        PullLimits limits = new PullLimits(3, Long.MAX_VALUE, 0, LONG_WAIT);

        long start = System.nanoTime();
        List<ReceivedMessage> batch = broker.pull(SUB, limits, () -> false, TimeUnit.SECONDS.toNanos(20));

        assertThat(batch).hasSize(3);
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void leaseQueueStaysBoundedUnderASteadyFlowAndUnackedMessagesAreStillRedelivered() throws Exception {
        createSubscription(1);
        PullLimits limits = new PullLimits(100, Long.MAX_VALUE, 0, Duration.ZERO);
        broker.publish(TOPIC, List.of(message("never-acked")));
        ReceivedMessage kept = broker.pull(SUB, limits, () -> false, 0).get(0);
        // Held for the whole loop however slow the machine is (the subscription's 1 s alone made the
        // test fail on a loaded host); given back to a 1 s deadline after it.
        broker.modifyAckDeadline(SUB, List.of(kept.getAckId()), 600);

        int rounds = 100;
        for (int round = 0; round < rounds; round++) {
            broker.publish(
                    TOPIC, IntStream.range(0, 100).mapToObj(i -> message("x")).toList());
            List<ReceivedMessage> batch = broker.pull(SUB, limits, () -> false, 0);
            // Receipt deadline extension as the Java client sends it, then the ack.
            broker.modifyAckDeadline(SUB, ackIds(batch), 60);
            broker.acknowledge(SUB, ackIds(batch));
            assertThat(broker.leaseQueueSize(SUB)).isLessThanOrEqualTo(2 * 101 + SubscriptionState.COMPACT_SLACK + 1);
        }
        assertThat(broker.backlog(SUB)).isEqualTo(1);
        broker.modifyAckDeadline(SUB, List.of(kept.getAckId()), 1);

        List<ReceivedMessage> again = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (again.isEmpty() && System.nanoTime() < until) {
            again.addAll(
                    broker.pull(SUB, new PullLimits(100, Long.MAX_VALUE, 0, Duration.ofSeconds(2)), () -> false, 0));
        }
        assertThat(again)
                .extracting(m -> m.getMessage().getMessageId())
                .containsExactly(kept.getMessage().getMessageId());
        assertThat(again.get(0).getDeliveryAttempt()).isEqualTo(2);
    }

    @Test
    void redeliveriesComeBeforeNewerMessagesInPublishOrder() {
        createSubscription(60);
        publish(4);
        PullLimits two = new PullLimits(2, Long.MAX_VALUE, 0, Duration.ZERO);
        List<ReceivedMessage> first = broker.pull(SUB, two, () -> false, 0);
        broker.pull(SUB, two, () -> false, 0);
        publish(2); // m0, m1 again: published after the first four
        // Nack the second message first, then the first: they come back in publish order, ahead of
        // the messages published later.
        broker.modifyAckDeadline(SUB, List.of(first.get(1).getAckId()), 0);
        broker.modifyAckDeadline(SUB, List.of(first.get(0).getAckId()), 0);

        List<ReceivedMessage> all =
                broker.pull(SUB, new PullLimits(10, Long.MAX_VALUE, 0, Duration.ZERO), () -> false, 0);
        assertThat(all).extracting(m -> m.getMessage().getMessageId()).containsExactly("1", "2", "5", "6");
        assertThat(all).extracting(ReceivedMessage::getDeliveryAttempt).containsExactly(2, 2, 1, 1);
    }

    @Test
    void aShortLeaseGrantedAfterALongerOneExpiresFirst() {
        createSubscription(60);
        publish(2);
        PullLimits one = new PullLimits(1, Long.MAX_VALUE, 0, Duration.ZERO);
        ReceivedMessage longer = broker.pull(SUB, one, () -> false, 0).get(0);
        ReceivedMessage shorter = broker.pull(SUB, one, () -> false, 0).get(0);
        broker.modifyAckDeadline(SUB, List.of(longer.getAckId()), 30);
        broker.modifyAckDeadline(SUB, List.of(shorter.getAckId()), 1);

        long start = System.nanoTime();
        List<ReceivedMessage> again =
                broker.pull(SUB, new PullLimits(10, Long.MAX_VALUE, 0, LONG_WAIT), () -> false, 0);
        assertThat(again)
                .extracting(m -> m.getMessage().getMessageId())
                .containsExactly(shorter.getMessage().getMessageId());
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(20));
    }

    @Test
    void dataPathStillAnswersInvalidArgumentForMalformedNamesAndNotFoundForMissingOnes() {
        createSubscription(60);
        assertThatThrownBy(() -> broker.publish("topics/t", List.of(message("m"))))
                .isInstanceOfSatisfying(
                        BrokerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> broker.publish("projects/p/topics/missing", List.of(message("m"))))
                .isInstanceOfSatisfying(
                        BrokerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> broker.acknowledge("s", List.of("1")))
                .isInstanceOfSatisfying(
                        BrokerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> broker.modifyAckDeadline("projects/p/subscriptions/x", List.of("1"), 10))
                .isInstanceOfSatisfying(
                        BrokerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> broker.pull("projects/p/subscriptions/x", PullLimits.of(1, Duration.ZERO)))
                .isInstanceOfSatisfying(
                        BrokerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
