package dev.salesflow.pubsub.emulator;

import static dev.salesflow.pubsub.emulator.EmulatorFixture.pull;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.subscription;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.api.core.ApiFuture;
import com.google.api.gax.rpc.ResourceExhaustedException;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BacklogLimitTest {

    private static final int LIMIT = 5;
    private static final String TOPIC = topic("orders");
    private static final String SUB = subscription("bronze");

    private EmulatorFixture fixture;

    @BeforeEach
    void start() {
        fixture = new EmulatorFixture(EmulatorSettings.ephemeral().withMaxBacklogPerSubscription(LIMIT));
        fixture.createTopicAndSubscription(
                TOPIC, Subscription.newBuilder().setName(SUB).build());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void publishBeyondTheLimitIsRefusedWithResourceExhaustedAndStoresNothing() throws Exception {
        TopicAdminClient noRetries = topicAdminWithoutPublishRetries();
        noRetries.publish(TOPIC, messages(LIMIT));
        String lateSub = subscription("late");
        fixture.subscriptionAdmin()
                .createSubscription(Subscription.newBuilder()
                        .setName(lateSub)
                        .setTopic(TOPIC)
                        .build());

        assertThatThrownBy(() -> noRetries.publish(TOPIC, messages(1))).isInstanceOf(ResourceExhaustedException.class);
        assertThat(fixture.emulator.backlog(SUB)).isEqualTo(LIMIT);
        assertThat(fixture.emulator.backlog(lateSub))
                .as("all or nothing: the subscription with room got nothing either")
                .isZero();
    }

    @Test
    void defaultPublisherRetriesUntilTheSubscriberHasDrainedTheBacklog() throws Exception {
        Publisher publisher = fixture.publisher(TOPIC);
        for (int i = 0; i < LIMIT; i++) {
            publisher.publish(message("m" + i)).get(10, TimeUnit.SECONDS);
        }

        ApiFuture<String> blocked = publisher.publish(message("over-the-limit"));

        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> !blocked.isDone() && fixture.emulator.backlog(SUB) == LIMIT);

        SubscriberStub stub = fixture.subscriberStub();
        List<ReceivedMessage> drained = pull(stub, SUB, LIMIT);
        stub.acknowledgeCallable()
                .call(AcknowledgeRequest.newBuilder()
                        .setSubscription(SUB)
                        .addAllAckIds(
                                drained.stream().map(ReceivedMessage::getAckId).toList())
                        .build());

        assertThat(drained).hasSize(LIMIT);
        // The publisher's default retry settings back off exponentially, so give it time.
        assertThat(blocked.get(60, TimeUnit.SECONDS)).isNotEmpty();
        assertThat(fixture.emulator.backlog(SUB)).isEqualTo(1);
        assertThat(pull(stub, SUB, 10))
                .extracting(m -> m.getMessage().getData().toStringUtf8())
                .containsExactly("over-the-limit");
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

    private static List<PubsubMessage> messages(int count) {
        return IntStream.range(0, count).mapToObj(i -> message("m" + i)).toList();
    }

    private static PubsubMessage message(String body) {
        return PubsubMessage.newBuilder().setData(ByteString.copyFromUtf8(body)).build();
    }
}
