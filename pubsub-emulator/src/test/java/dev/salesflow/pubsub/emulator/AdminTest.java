package dev.salesflow.pubsub.emulator;

import static dev.salesflow.pubsub.emulator.EmulatorFixture.PROJECT;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.subscription;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.pubsub.v1.ListTopicsRequest;
import com.google.pubsub.v1.ProjectName;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminTest {

    private EmulatorFixture fixture;
    private TopicAdminClient topics;
    private SubscriptionAdminClient subscriptions;

    @BeforeEach
    void start() {
        fixture = new EmulatorFixture();
        topics = fixture.topicAdmin();
        subscriptions = fixture.subscriptionAdmin();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void topicsCanBeCreatedReadListedAndDeleted() {
        Topic created = topics.createTopic(Topic.newBuilder()
                .setName(topic("orders"))
                .putLabels("team", "sales")
                .build());
        topics.createTopic(topic("payments"));
        topics.createTopic(topicOf("other-project", "elsewhere"));

        assertThat(created.getName()).isEqualTo(topic("orders"));
        assertThat(topics.getTopic(topic("orders")).getLabelsMap()).containsEntry("team", "sales");
        assertThat(names(topics.listTopics(ProjectName.of(PROJECT)).iterateAll()))
                .containsExactly(topic("orders"), topic("payments"));

        topics.deleteTopic(topic("orders"));

        assertThatThrownBy(() -> topics.getTopic(topic("orders"))).isInstanceOf(NotFoundException.class);
        assertThat(names(topics.listTopics(ProjectName.of(PROJECT)).iterateAll()))
                .containsExactly(topic("payments"));
    }

    @Test
    void listingTopicsPagesThroughAll() {
        for (int i = 0; i < 5; i++) {
            topics.createTopic(topic("t" + i));
        }
        var firstPage = topics.listTopics(ListTopicsRequest.newBuilder()
                        .setProject("projects/" + PROJECT)
                        .setPageSize(2)
                        .build())
                .getPage();

        assertThat(names(firstPage.getValues())).containsExactly(topic("t0"), topic("t1"));
        assertThat(firstPage.hasNextPage()).isTrue();
        assertThat(names(firstPage.iterateAll())).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void topicErrors() {
        topics.createTopic(topic("orders"));

        assertThatThrownBy(() -> topics.createTopic(topic("orders"))).isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> topics.getTopic(topic("missing"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> topics.deleteTopic(topic("missing"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> topics.createTopic("not-a-topic-name")).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void subscriptionsCanBeCreatedReadListedAndDeleted() {
        topics.createTopic(topic("orders"));
        Subscription created = subscriptions.createSubscription(Subscription.newBuilder()
                .setName(subscription("bronze"))
                .setTopic(topic("orders"))
                .setEnableMessageOrdering(true)
                .build());
        subscriptions.createSubscription(subscription("audit"), topic("orders"), PushConfig.getDefaultInstance(), 30);

        assertThat(created.getAckDeadlineSeconds()).as("default ack deadline").isEqualTo(10);
        Subscription audit = subscriptions.getSubscription(subscription("audit"));
        assertThat(audit.getAckDeadlineSeconds()).isEqualTo(30);
        assertThat(audit.getTopic()).isEqualTo(topic("orders"));
        assertThat(subscriptions.getSubscription(subscription("bronze")).getEnableMessageOrdering())
                .isTrue();
        List<String> listed = new ArrayList<>();
        subscriptions.listSubscriptions(ProjectName.of(PROJECT)).iterateAll().forEach(s -> listed.add(s.getName()));
        assertThat(listed).containsExactly(subscription("audit"), subscription("bronze"));
        assertThat(topics.listTopicSubscriptions(topic("orders")).iterateAll())
                .containsExactly(subscription("audit"), subscription("bronze"));

        subscriptions.deleteSubscription(subscription("audit"));

        assertThatThrownBy(() -> subscriptions.getSubscription(subscription("audit")))
                .isInstanceOf(NotFoundException.class);
        assertThat(topics.listTopicSubscriptions(topic("orders")).iterateAll()).containsExactly(subscription("bronze"));
    }

    @Test
    void subscriptionErrors() {
        topics.createTopic(topic("orders"));
        subscriptions.createSubscription(subscription("bronze"), topic("orders"), PushConfig.getDefaultInstance(), 10);

        assertThatThrownBy(() -> subscriptions.createSubscription(
                        subscription("bronze"), topic("orders"), PushConfig.getDefaultInstance(), 10))
                .isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> subscriptions.createSubscription(
                        subscription("x"), topic("missing"), PushConfig.getDefaultInstance(), 10))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> subscriptions.deleteSubscription(subscription("missing")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> subscriptions.createSubscription(
                        subscription("y"), topic("orders"), PushConfig.getDefaultInstance(), 601))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void deletingATopicDetachesItsSubscriptions() {
        topics.createTopic(topic("orders"));
        subscriptions.createSubscription(subscription("bronze"), topic("orders"), PushConfig.getDefaultInstance(), 10);

        topics.deleteTopic(topic("orders"));

        assertThat(subscriptions.getSubscription(subscription("bronze")).getTopic())
                .isEqualTo("_deleted-topic_");
    }

    private static String topicOf(String project, String id) {
        return "projects/" + project + "/topics/" + id;
    }

    private static List<String> names(Iterable<Topic> topicList) {
        List<String> names = new ArrayList<>();
        topicList.forEach(t -> names.add(t.getName()));
        return names;
    }
}
