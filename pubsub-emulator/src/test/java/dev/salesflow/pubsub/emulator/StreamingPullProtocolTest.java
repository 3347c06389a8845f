package dev.salesflow.pubsub.emulator;

import static dev.salesflow.pubsub.emulator.EmulatorFixture.pull;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.subscription;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ClientStream;
import com.google.api.gax.rpc.ResponseObserver;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.StreamController;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.StreamingPullRequest;
import com.google.pubsub.v1.StreamingPullResponse;
import com.google.pubsub.v1.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** StreamingPull driven request by request through the stub's bidi callable. */
class StreamingPullProtocolTest {

    private static final String TOPIC = topic("orders");
    private static final String SUB = subscription("bronze");

    private EmulatorFixture fixture;
    private SubscriberStub stub;
    private final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
    private final List<StreamingPullResponse> responses = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private StreamController controller;

    @BeforeEach
    void start() {
        fixture = new EmulatorFixture();
        stub = fixture.subscriberStub();
        fixture.createTopicAndSubscription(
                TOPIC, Subscription.newBuilder().setName(SUB).build());
    }

    @AfterEach
    void stop() throws Exception {
        if (controller != null) {
            controller.cancel();
        }
        fixture.close();
    }

    @Test
    void respectsMaxOutstandingMessagesAndSendsMoreAfterAcks() {
        publish(5);
        ClientStream<StreamingPullRequest> stream = open(first(60).setMaxOutstandingMessages(2));

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> received.size() == 2);

        stream.send(StreamingPullRequest.newBuilder()
                .addAllAckIds(received.stream().map(ReceivedMessage::getAckId).toList())
                .build());

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 4);
        assertThat(received)
                .extracting(m -> m.getMessage().getData().toStringUtf8())
                .containsExactly("m0", "m1", "m2", "m3");
        assertThat(responses).allMatch(r -> !r.getSubscriptionProperties().getMessageOrderingEnabled());
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(fixture.emulator.backlog(SUB)).isEqualTo(3));
    }

    @Test
    void messagesOfAClosedStreamAreRedeliveredAfterTheStreamDeadline() {
        publish(1);
        open(first(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);

        controller.cancel();
        controller = null;

        List<ReceivedMessage> again = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> again.addAll(pull(stub, SUB, 10)));
        assertThat(again.get(0).getMessage().getMessageId())
                .isEqualTo(received.get(0).getMessage().getMessageId());
        assertThat(again.get(0).getDeliveryAttempt()).isEqualTo(2);
    }

    @Test
    void streamOnAMissingSubscriptionFailsWithNotFound() {
        open(StreamingPullRequest.newBuilder()
                .setSubscription(subscription("missing"))
                .setStreamAckDeadlineSeconds(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> error.get() != null);
        assertThat(error.get()).isInstanceOf(ApiException.class);
        assertThat(((ApiException) error.get()).getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND);
    }

    private static StreamingPullRequest.Builder first(int streamAckDeadlineSeconds) {
        return StreamingPullRequest.newBuilder()
                .setSubscription(SUB)
                .setStreamAckDeadlineSeconds(streamAckDeadlineSeconds);
    }

    private ClientStream<StreamingPullRequest> open(StreamingPullRequest.Builder firstRequest) {
        ClientStream<StreamingPullRequest> stream = stub.streamingPullCallable().splitCall(new ResponseObserver<>() {
            @Override
            public void onStart(StreamController started) {
                controller = started;
            }

            @Override
            public void onResponse(StreamingPullResponse response) {
                responses.add(response);
                received.addAll(response.getReceivedMessagesList());
            }

            @Override
            public void onError(Throwable t) {
                error.set(t);
            }

            @Override
            public void onComplete() {}
        });
        stream.send(firstRequest.build());
        return stream;
    }

    private void publish(int count) {
        fixture.topicAdmin()
                .publish(PublishRequest.newBuilder()
                        .setTopic(TOPIC)
                        .addAllMessages(IntStream.range(0, count)
                                .mapToObj(i -> PubsubMessage.newBuilder()
                                        .setData(ByteString.copyFromUtf8("m" + i))
                                        .build())
                                .toList())
                        .build());
    }
}
