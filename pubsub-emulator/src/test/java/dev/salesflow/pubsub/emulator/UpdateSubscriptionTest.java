package dev.salesflow.pubsub.emulator;

import static dev.salesflow.pubsub.emulator.EmulatorFixture.subscription;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.RetryPolicy;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.UpdateSubscriptionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UpdateSubscription through the real SubscriptionAdminClient, as `salesflow gcp setup` uses it. */
class UpdateSubscriptionTest {

    private EmulatorFixture fixture;
    private SubscriptionAdminClient subscriptions;

    @BeforeEach
    void start() {
        fixture = new EmulatorFixture();
        subscriptions = fixture.subscriptionAdmin();
        fixture.createTopicAndSubscription(
                topic("orders"),
                Subscription.newBuilder()
                        .setName(subscription("bronze"))
                        .setAckDeadlineSeconds(10)
                        .setEnableMessageOrdering(true)
                        .setFilter("NOT attributes:probe")
                        .build());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void theFieldsOfTheMaskChangeAndNothingElse() {
        Subscription wanted = Subscription.newBuilder()
                .setName(subscription("bronze"))
                .setAckDeadlineSeconds(60)
                .setRetryPolicy(RetryPolicy.newBuilder()
                        .setMinimumBackoff(Duration.newBuilder().setSeconds(10))
                        .setMaximumBackoff(Duration.newBuilder().setSeconds(600)))
                .setDeadLetterPolicy(DeadLetterPolicy.newBuilder()
                        .setDeadLetterTopic(topic("dead"))
                        .setMaxDeliveryAttempts(10))
                .putLabels("app", "salesflow")
                .build();

        Subscription updated = subscriptions.updateSubscription(UpdateSubscriptionRequest.newBuilder()
                .setSubscription(wanted)
                .setUpdateMask(FieldMask.newBuilder()
                        .addPaths("ack_deadline_seconds")
                        .addPaths("retry_policy")
                        .addPaths("dead_letter_policy"))
                .build());

        assertThat(updated.getAckDeadlineSeconds()).isEqualTo(60);
        Subscription stored = subscriptions.getSubscription(subscription("bronze"));
        assertThat(stored.getAckDeadlineSeconds()).isEqualTo(60);
        assertThat(stored.getRetryPolicy()).isEqualTo(wanted.getRetryPolicy());
        assertThat(stored.getDeadLetterPolicy()).isEqualTo(wanted.getDeadLetterPolicy());
        // Not in the mask: unchanged.
        assertThat(stored.getLabelsMap()).isEmpty();
        assertThat(stored.getTopic()).isEqualTo(topic("orders"));
        assertThat(stored.getEnableMessageOrdering()).isTrue();
        assertThat(stored.getFilter()).isEqualTo("NOT attributes:probe");
    }

    @Test
    void immutableFieldsAnEmptyMaskAndUnknownSubscriptionsAreRefused() {
        Subscription wanted = Subscription.newBuilder()
                .setName(subscription("bronze"))
                .setFilter("")
                .build();
        assertThatThrownBy(() -> subscriptions.updateSubscription(UpdateSubscriptionRequest.newBuilder()
                        .setSubscription(wanted)
                        .setUpdateMask(FieldMask.newBuilder().addPaths("filter"))
                        .build()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("filter cannot be updated");
        assertThatThrownBy(() -> subscriptions.updateSubscription(UpdateSubscriptionRequest.newBuilder()
                        .setSubscription(wanted)
                        .build()))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> subscriptions.updateSubscription(UpdateSubscriptionRequest.newBuilder()
                        .setSubscription(wanted.toBuilder().setName(subscription("nope")))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("ack_deadline_seconds"))
                        .build()))
                .isInstanceOf(NotFoundException.class);
        assertThat(subscriptions.getSubscription(subscription("bronze")).getFilter())
                .isEqualTo("NOT attributes:probe");
    }
}
