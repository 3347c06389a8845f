package dev.salesflow.pubsub.emulator;

import static dev.salesflow.pubsub.emulator.EmulatorFixture.subscription;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.topic;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.UnimplementedException;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.protobuf.FieldMask;
import com.google.pubsub.v1.SeekRequest;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import com.google.pubsub.v1.UpdateTopicRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnimplementedTest {

    private EmulatorFixture fixture;
    private TopicAdminClient topics;
    private SubscriptionAdminClient subscriptions;

    @BeforeEach
    void start() {
        fixture = new EmulatorFixture();
        topics = fixture.topicAdmin();
        subscriptions = fixture.subscriptionAdmin();
        fixture.createTopicAndSubscription(
                topic("orders"),
                Subscription.newBuilder().setName(subscription("bronze")).build());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void snapshotsAndSeekAreUnimplemented() {
        assertThatThrownBy(() -> subscriptions.createSnapshot(
                        "projects/" + EmulatorFixture.PROJECT + "/snapshots/snap", subscription("bronze")))
                .isInstanceOf(UnimplementedException.class);
        assertThatThrownBy(() -> subscriptions.seek(SeekRequest.newBuilder()
                        .setSubscription(subscription("bronze"))
                        .setSnapshot("projects/" + EmulatorFixture.PROJECT + "/snapshots/snap")
                        .build()))
                .isInstanceOf(UnimplementedException.class);
    }

    @Test
    void updatingATopicIsUnimplemented() {
        assertThatThrownBy(() -> topics.updateTopic(UpdateTopicRequest.newBuilder()
                        .setTopic(Topic.newBuilder().setName(topic("orders")).putLabels("a", "b"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("labels"))
                        .build()))
                .isInstanceOf(UnimplementedException.class);
    }
}
