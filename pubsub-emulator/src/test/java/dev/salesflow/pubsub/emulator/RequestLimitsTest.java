package dev.salesflow.pubsub.emulator;

import static dev.salesflow.pubsub.emulator.EmulatorFixture.subscription;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.ResourceExhaustedException;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.SubscriberGrpc;
import com.google.pubsub.v1.Subscription;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cloud Pub/Sub's request limits and the emulator's own memory and thread bounds, over gRPC. */
class RequestLimitsTest {

    private static final String TOPIC = topic("orders");
    private static final String SUB = subscription("bronze");

    private EmulatorFixture fixture;

    private void start(EmulatorSettings settings) {
        fixture = new EmulatorFixture(settings);
        fixture.createTopicAndSubscription(
                TOPIC, Subscription.newBuilder().setName(SUB).build());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aMessageOver10MbIsRefusedWithInvalidArgument() throws Exception {
        start(EmulatorSettings.ephemeral());
        Publisher publisher = fixture.publisher(TOPIC);
        PubsubMessage tooLarge = PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(new byte[10_000_001]))
                .build();
        PubsubMessage largest = PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(new byte[9_999_000]))
                .build();

        Throwable refused = catchThrowable(() -> publisher.publish(tooLarge).get(30, TimeUnit.SECONDS));

        assertThat(refused).isInstanceOf(ExecutionException.class);
        assertThat(refused.getCause())
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("exceeds Pub/Sub's limit of 10000000 bytes");
        assertThat(fixture.emulator.backlog(SUB)).isZero();
        assertThat(publisher.publish(largest).get(30, TimeUnit.SECONDS)).isNotEmpty();
        assertThat(fixture.emulator.backlog(SUB)).isEqualTo(1);
    }

    @Test
    void aPublishOfMoreThan1000MessagesIsRefusedWithInvalidArgument() throws Exception {
        start(EmulatorSettings.ephemeral());
        TopicAdminClient admin = topicAdminWithoutPublishRetries();

        assertThatThrownBy(() -> admin.publish(TOPIC, messages(1001, 10)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("at most 1000 messages");
        admin.publish(TOPIC, messages(1000, 10));
        assertThat(fixture.emulator.backlog(SUB)).isEqualTo(1000);
    }

    @Test
    void aPublishMixingOrderingKeysIsRefusedWithInvalidArgument() throws Exception {
        start(EmulatorSettings.ephemeral());
        TopicAdminClient admin = topicAdminWithoutPublishRetries();
        List<PubsubMessage> sameKey = messages(2, 10).stream()
                .map(m -> m.toBuilder().setOrderingKey("a").build())
                .toList();
        List<PubsubMessage> mixed = List.of(
                sameKey.get(0), sameKey.get(1).toBuilder().setOrderingKey("b").build());

        assertThatThrownBy(() -> admin.publish(TOPIC, mixed))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("same ordering key");
        assertThat(fixture.emulator.backlog(SUB)).isZero();
        admin.publish(TOPIC, sameKey);
        assertThat(fixture.emulator.backlog(SUB)).isEqualTo(2);
    }

    @Test
    void attributesBeyondPubSubsLimitsAreRefusedWithInvalidArgument() throws Exception {
        start(EmulatorSettings.ephemeral());
        TopicAdminClient admin = topicAdminWithoutPublishRetries();
        // The limits are in UTF-8 bytes: "é" is two bytes, so 129 of them make a 258-byte key.
        String keyOf258Bytes = "é".repeat(129);
        String valueOf1026Bytes = "é".repeat(513);
        PubsubMessage.Builder hundredAndOne = PubsubMessage.newBuilder().setData(ByteString.copyFromUtf8("x"));
        IntStream.range(0, 101).forEach(i -> hundredAndOne.putAttributes("a" + i, "v"));

        assertThatThrownBy(() -> admin.publish(TOPIC, List.of(hundredAndOne.build())))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("at most 100 attributes, got 101");
        assertThatThrownBy(() -> admin.publish(TOPIC, List.of(withAttribute(keyOf258Bytes, "v"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("is 258 bytes, but the maximum allowed is 256");
        assertThatThrownBy(() -> admin.publish(TOPIC, List.of(withAttribute("k", valueOf1026Bytes))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("value of 1026 bytes, but the maximum allowed is 1024");
        assertThat(fixture.emulator.backlog(SUB)).isZero();

        PubsubMessage.Builder hundred = PubsubMessage.newBuilder().setData(ByteString.copyFromUtf8("x"));
        IntStream.range(0, 99).forEach(i -> hundred.putAttributes("a" + i, "v"));
        hundred.putAttributes("k".repeat(256), "v".repeat(1024));
        admin.publish(TOPIC, List.of(hundred.build()));
        assertThat(fixture.emulator.backlog(SUB)).isEqualTo(1);
    }

    @Test
    void anOrderingKeyOver1KbIsRefusedWithInvalidArgument() throws Exception {
        start(EmulatorSettings.ephemeral());
        TopicAdminClient admin = topicAdminWithoutPublishRetries();
        PubsubMessage message = messages(1, 10).get(0);

        assertThatThrownBy(() -> admin.publish(
                        TOPIC,
                        List.of(message.toBuilder()
                                .setOrderingKey("é".repeat(513))
                                .build())))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("ordering key")
                .hasMessageContaining("1026 bytes, but the maximum allowed is 1024");
        assertThat(fixture.emulator.backlog(SUB)).isZero();
        admin.publish(
                TOPIC,
                List.of(message.toBuilder().setOrderingKey("k".repeat(1024)).build()));
        assertThat(fixture.emulator.backlog(SUB)).isEqualTo(1);
    }

    private static PubsubMessage withAttribute(String key, String value) {
        return PubsubMessage.newBuilder()
                .setData(ByteString.copyFromUtf8("x"))
                .putAttributes(key, value)
                .build();
    }

    @Test
    void theBacklogIsBoundedByBytesAsWellAsByCount() throws Exception {
        start(EmulatorSettings.ephemeral().withMaxBacklogBytesPerSubscription(10_000));
        TopicAdminClient admin = topicAdminWithoutPublishRetries();
        admin.publish(TOPIC, messages(2, 4_000));

        assertThatThrownBy(() -> admin.publish(TOPIC, messages(1, 4_000)))
                .isInstanceOf(ResourceExhaustedException.class)
                .hasMessageContaining("Backlog limit of 10000 bytes");
        assertThat(fixture.emulator.backlog(SUB)).isEqualTo(2);
    }

    @Test
    void aGrpcRequestOverTheConfiguredSizeIsRefusedBeforeItIsParsed() throws Exception {
        start(EmulatorSettings.ephemeral().withMaxRequestBytes(64 * 1024));
        TopicAdminClient admin = topicAdminWithoutPublishRetries();

        assertThatThrownBy(() -> admin.publish(TOPIC, messages(1, 100_000)))
                .isInstanceOf(ResourceExhaustedException.class);
        assertThat(fixture.emulator.backlog(SUB)).isZero();
        admin.publish(TOPIC, messages(1, 60_000));
        assertThat(fixture.emulator.backlog(SUB)).isEqualTo(1);
    }

    @Test
    void streamsAndWaitingPullsBeyondTheThreadLimitAreRefusedWithResourceExhausted() throws Exception {
        start(EmulatorSettings.ephemeral().withMaxStreamThreads(1));
        Subscriber subscriber = fixture.subscriber(SUB, (message, consumer) -> consumer.ack());
        subscriber.startAsync().awaitRunning(10, TimeUnit.SECONDS);
        ManagedChannel channel = ManagedChannelBuilder.forTarget(fixture.emulator.grpcTarget())
                .usePlaintext()
                .build();
        try {
            SubscriberGrpc.SubscriberBlockingStub stub = SubscriberGrpc.newBlockingStub(channel);
            // Once the subscriber's stream holds the only thread, a Pull that would wait is refused.
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(catchThrowable(() -> stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                                    .pull(PullRequest.newBuilder()
                                            .setSubscription(SUB)
                                            .setMaxMessages(1)
                                            .build())))
                            .isInstanceOf(StatusRuntimeException.class)
                            .satisfies(e -> assertThat(((StatusRuntimeException) e)
                                            .getStatus()
                                            .getCode())
                                    .isEqualTo(Status.Code.RESOURCE_EXHAUSTED))
                            .hasMessageContaining("--max-stream-threads"));
        } finally {
            channel.shutdownNow();
        }
    }

    private TopicAdminClient topicAdminWithoutPublishRetries() throws Exception {
        TopicAdminSettings.Builder settings = TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(fixture.channel())
                .setCredentialsProvider(EmulatorFixture.noCredentials());
        settings.publishSettings().setRetryableCodes(Set.of());
        TopicAdminClient client = TopicAdminClient.create(settings.build());
        fixture.closeLater(client);
        return client;
    }

    private static List<PubsubMessage> messages(int count, int size) {
        return IntStream.range(0, count)
                .mapToObj(i -> PubsubMessage.newBuilder()
                        .setData(ByteString.copyFrom(new byte[size]))
                        .build())
                .toList();
    }
}
