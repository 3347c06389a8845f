package dev.salesflow.pubsub.emulator;

import static dev.salesflow.pubsub.emulator.EmulatorFixture.PROJECT;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.subscription;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.pubsub.Pubsub;
import com.google.api.services.pubsub.model.AcknowledgeRequest;
import com.google.api.services.pubsub.model.ModifyAckDeadlineRequest;
import com.google.api.services.pubsub.model.PublishRequest;
import com.google.api.services.pubsub.model.PublishResponse;
import com.google.api.services.pubsub.model.PubsubMessage;
import com.google.api.services.pubsub.model.PullRequest;
import com.google.api.services.pubsub.model.PullResponse;
import com.google.api.services.pubsub.model.ReceivedMessage;
import com.google.api.services.pubsub.model.Subscription;
import com.google.api.services.pubsub.model.Topic;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST front-end through {@code google-api-services-pubsub}, the client Beam's
 * {@code PubsubJsonClient} wraps, issuing the same calls Beam does.
 */
class RestApiTest {

    private static final String TOPIC = topic("orders");
    private static final String SUB = subscription("bronze");

    private EmulatorFixture fixture;
    private Pubsub pubsub;

    @BeforeEach
    void start() {
        fixture = new EmulatorFixture();
        pubsub = new Pubsub.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), null)
                .setRootUrl(fixture.emulator.restUrl())
                .setApplicationName("salesflow-test")
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void beamStyleRoundTrip() throws Exception {
        pubsub.projects().topics().create(TOPIC, new Topic()).execute();
        pubsub.projects()
                .subscriptions()
                .create(SUB, new Subscription().setTopic(TOPIC).setAckDeadlineSeconds(30))
                .execute();
        Instant before = Instant.now();

        PublishResponse published = pubsub.projects()
                .topics()
                .publish(
                        TOPIC,
                        new PublishRequest()
                                .setMessages(List.of(
                                        new PubsubMessage()
                                                .encodeData("order-1".getBytes(StandardCharsets.UTF_8))
                                                .setAttributes(Map.of("ts", "1700000000000")),
                                        new PubsubMessage().encodeData("order-2".getBytes(StandardCharsets.UTF_8)))))
                .execute();

        assertThat(published.getMessageIds()).hasSize(2);
        assertThat(fixture.emulator.backlog(SUB)).isEqualTo(2);
        assertThat(pubsub.projects().subscriptions().get(SUB).execute().getAckDeadlineSeconds())
                .isEqualTo(30);

        List<ReceivedMessage> received = pullRest(2);
        assertThat(received).hasSize(2);
        ReceivedMessage first = received.get(0);
        assertThat(new String(first.getMessage().decodeData(), StandardCharsets.UTF_8))
                .isEqualTo("order-1");
        assertThat(first.getMessage().getAttributes()).containsEntry("ts", "1700000000000");
        assertThat(first.getMessage().getMessageId())
                .isEqualTo(published.getMessageIds().get(0));
        assertThat(Instant.parse(first.getMessage().getPublishTime())).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(first.getAckId()).isNotEmpty();

        pubsub.projects()
                .subscriptions()
                .modifyAckDeadline(
                        SUB,
                        new ModifyAckDeadlineRequest()
                                .setAckIds(List.of(received.get(1).getAckId()))
                                .setAckDeadlineSeconds(0))
                .execute();
        pubsub.projects()
                .subscriptions()
                .acknowledge(SUB, new AcknowledgeRequest().setAckIds(List.of(first.getAckId())))
                .execute();

        assertThat(fixture.emulator.backlog(SUB)).isEqualTo(1);
        List<ReceivedMessage> redelivered = pullRest(1);
        assertThat(redelivered).hasSize(1);
        assertThat(redelivered.get(0).getMessage().getMessageId())
                .isEqualTo(published.getMessageIds().get(1));
    }

    @Test
    void listsTopicsAndSubscriptions() throws Exception {
        pubsub.projects().topics().create(TOPIC, new Topic()).execute();
        pubsub.projects().topics().create(topic("payments"), new Topic()).execute();
        pubsub.projects()
                .subscriptions()
                .create(SUB, new Subscription().setTopic(TOPIC))
                .execute();

        assertThat(pubsub.projects()
                        .topics()
                        .list("projects/" + PROJECT)
                        .execute()
                        .getTopics())
                .extracting(Topic::getName)
                .containsExactly(TOPIC, topic("payments"));
        assertThat(pubsub.projects()
                        .subscriptions()
                        .list("projects/" + PROJECT)
                        .execute()
                        .getSubscriptions())
                .extracting(Subscription::getName, Subscription::getTopic, Subscription::getAckDeadlineSeconds)
                .containsExactly(tuple(SUB, TOPIC, 10));
        assertThat(pubsub.projects()
                        .topics()
                        .subscriptions()
                        .list(TOPIC)
                        .execute()
                        .getSubscriptions())
                .containsExactly(SUB);
        var page = pubsub.projects()
                .topics()
                .list("projects/" + PROJECT)
                .setPageSize(1)
                .execute();
        assertThat(page.getTopics()).extracting(Topic::getName).containsExactly(TOPIC);
        assertThat(page.getNextPageToken()).isNotEmpty();

        pubsub.projects().subscriptions().delete(SUB).execute();
        pubsub.projects().topics().delete(topic("payments")).execute();

        assertThat(pubsub.projects()
                        .topics()
                        .list("projects/" + PROJECT)
                        .execute()
                        .getTopics())
                .extracting(Topic::getName)
                .containsExactly(TOPIC);
        assertThat(pubsub.projects()
                        .subscriptions()
                        .list("projects/" + PROJECT)
                        .execute()
                        .getSubscriptions())
                .isNull();
    }

    @Test
    void errorsAreGoogleJsonErrors() throws Exception {
        pubsub.projects().topics().create(TOPIC, new Topic()).execute();

        GoogleJsonResponseException missing = catchThrowableOfType(
                GoogleJsonResponseException.class,
                () -> pubsub.projects().subscriptions().get(SUB).execute());
        GoogleJsonResponseException duplicate = catchThrowableOfType(
                GoogleJsonResponseException.class,
                () -> pubsub.projects().topics().create(TOPIC, new Topic()).execute());
        GoogleJsonResponseException unsupported = catchThrowableOfType(
                GoogleJsonResponseException.class,
                () -> pubsub.projects().snapshots().list("projects/" + PROJECT).execute());

        assertThat(missing.getStatusCode()).isEqualTo(404);
        assertThat(missing.getDetails().getCode()).isEqualTo(404);
        assertThat(missing.getDetails().getMessage()).contains(SUB);
        assertThat(missing.getDetails().get("status")).isEqualTo("NOT_FOUND");
        assertThat(duplicate.getStatusCode()).isEqualTo(409);
        assertThat(duplicate.getDetails().get("status")).isEqualTo("ALREADY_EXISTS");
        assertThat(unsupported.getStatusCode()).isEqualTo(501);
        assertThat(unsupported.getDetails().get("status")).isEqualTo("UNIMPLEMENTED");
    }

    @Test
    void restAndGrpcShareOneBroker() throws Exception {
        fixture.createTopicAndSubscription(
                TOPIC,
                com.google.pubsub.v1.Subscription.newBuilder().setName(SUB).build());

        fixture.publisher(TOPIC)
                .publish(com.google.pubsub.v1.PubsubMessage.newBuilder()
                        .setData(ByteString.copyFromUtf8("via-grpc"))
                        .build())
                .get(10, TimeUnit.SECONDS);

        assertThat(pullRest(10))
                .extracting(m -> new String(m.getMessage().decodeData(), StandardCharsets.UTF_8))
                .containsExactly("via-grpc");
    }

    /** Pulls like Beam does (returnImmediately=false), retrying until something arrives. */
    private List<ReceivedMessage> pullRest(int max) throws Exception {
        List<ReceivedMessage> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            PullResponse response = pubsub.projects()
                    .subscriptions()
                    .pull(SUB, new PullRequest().setMaxMessages(max).setReturnImmediately(false))
                    .execute();
            if (response.getReceivedMessages() != null) {
                received.addAll(response.getReceivedMessages());
            }
            return !received.isEmpty();
        });
        return received;
    }
}
