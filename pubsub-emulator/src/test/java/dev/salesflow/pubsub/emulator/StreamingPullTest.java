package dev.salesflow.pubsub.emulator;

import static dev.salesflow.pubsub.emulator.EmulatorFixture.subscription;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real {@link Subscriber} (StreamingPull) against the emulator. */
class StreamingPullTest {

    private static final String TOPIC = topic("orders");
    private static final String SUB = subscription("bronze");

    private EmulatorFixture fixture;

    @BeforeEach
    void start() {
        fixture = new EmulatorFixture();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void subscriberReceivesEveryMessageExactlyOnceWhenAcked() throws Exception {
        fixture.createTopicAndSubscription(
                TOPIC, Subscription.newBuilder().setName(SUB).build());
        int count = 500;
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        Subscriber subscriber = fixture.subscriber(SUB, (message, consumer) -> {
            deliveries
                    .computeIfAbsent(message.getData().toStringUtf8(), k -> new AtomicInteger())
                    .incrementAndGet();
            consumer.ack();
        });
        subscriber.startAsync().awaitRunning(10, TimeUnit.SECONDS);

        Publisher publisher = fixture.publisher(TOPIC);
        List<ApiFuture<String>> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(publisher.publish(message("m" + i, "")));
        }
        assertThat(ApiFutures.allAsList(ids).get(10, TimeUnit.SECONDS)).doesNotHaveDuplicates();

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries.size() == count);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(fixture.emulator.backlog(SUB)).isZero());
        // Stays acked: nothing comes again once the leases would have expired.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> deliveries.values().stream().allMatch(n -> n.get() == 1));
    }

    @Test
    void nackedMessageComesBackToTheSubscriber() throws Exception {
        fixture.createTopicAndSubscription(
                TOPIC, Subscription.newBuilder().setName(SUB).build());
        List<String> seen = new CopyOnWriteArrayList<>();
        Subscriber subscriber = fixture.subscriber(SUB, (message, consumer) -> {
            String body = message.getData().toStringUtf8();
            seen.add(body);
            if (Collections.frequency(seen, body) == 1) {
                consumer.nack();
            } else {
                consumer.ack();
            }
        });
        subscriber.startAsync().awaitRunning(10, TimeUnit.SECONDS);

        fixture.publisher(TOPIC).publish(message("retry-me", "")).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
        assertThat(seen).containsExactly("retry-me", "retry-me");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(fixture.emulator.backlog(SUB)).isZero());
    }

    @Test
    void messagesWithTheSameOrderingKeyArriveInPublishOrder() throws Exception {
        fixture.createTopicAndSubscription(
                TOPIC,
                Subscription.newBuilder()
                        .setName(SUB)
                        .setEnableMessageOrdering(true)
                        .build());
        List<String> keys = List.of("customer-1", "customer-2", "customer-3");
        int perKey = 30;
        Map<String, List<Integer>> received = new ConcurrentHashMap<>();
        Subscriber subscriber = fixture.subscriber(SUB, (message, consumer) -> {
            String[] parts = message.getData().toStringUtf8().split("#");
            received.computeIfAbsent(message.getOrderingKey(), k -> new CopyOnWriteArrayList<>())
                    .add(Integer.parseInt(parts[1]));
            consumer.ack();
        });
        subscriber.startAsync().awaitRunning(10, TimeUnit.SECONDS);

        Publisher publisher = fixture.publisher(Publisher.newBuilder(TOPIC).setEnableMessageOrdering(true));
        List<ApiFuture<String>> ids = new ArrayList<>();
        for (int i = 0; i < perKey; i++) {
            for (String key : keys) {
                ids.add(publisher.publish(message(key + "#" + i, key)));
            }
        }
        ApiFutures.allAsList(ids).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> keys.stream()
                        .allMatch(k -> received.getOrDefault(k, List.of()).size() >= perKey));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < perKey; i++) {
            expected.add(i);
        }
        for (String key : keys) {
            assertThat(received.get(key)).as(key).containsExactlyElementsOf(expected);
        }
    }

    private static PubsubMessage message(String body, String orderingKey) {
        return PubsubMessage.newBuilder()
                .setData(ByteString.copyFromUtf8(body))
                .setOrderingKey(orderingKey)
                .build();
    }
}
