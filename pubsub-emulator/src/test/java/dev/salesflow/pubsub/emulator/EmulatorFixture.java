package dev.salesflow.pubsub.emulator;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.pubsub.v1.stub.GrpcSubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStubSettings;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running emulator plus real Google clients connected to it over plaintext gRPC. Every client
 * gets its own channel because closing a client closes the channel it was given.
 */
final class EmulatorFixture implements AutoCloseable {

    static final String PROJECT = "test-project";

    final PubSubEmulator emulator;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<AutoCloseable> clients = new ArrayList<>();
    private final List<Publisher> publishers = new ArrayList<>();
    private final List<Subscriber> subscribers = new ArrayList<>();

    EmulatorFixture(EmulatorSettings settings) {
        this.emulator = PubSubEmulator.start(settings);
    }

    EmulatorFixture() {
        this(EmulatorSettings.ephemeral());
    }

    static String topic(String id) {
        return TopicName.format(PROJECT, id);
    }

    static String subscription(String id) {
        return "projects/" + PROJECT + "/subscriptions/" + id;
    }

    TransportChannelProvider channel() {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(emulator.grpcTarget())
                .usePlaintext()
                .build();
        channels.add(channel);
        return FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    }

    static CredentialsProvider noCredentials() {
        return NoCredentialsProvider.create();
    }

    TopicAdminClient topicAdmin() {
        return track(io(() -> TopicAdminClient.create(TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(channel())
                .setCredentialsProvider(noCredentials())
                .build())));
    }

    SubscriptionAdminClient subscriptionAdmin() {
        return track(io(() -> SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                .setTransportChannelProvider(channel())
                .setCredentialsProvider(noCredentials())
                .build())));
    }

    /** The low-level stub, for synchronous Pull, Acknowledge and ModifyAckDeadline. */
    SubscriberStub subscriberStub() {
        return track(io(() -> GrpcSubscriberStub.create(SubscriberStubSettings.newBuilder()
                .setTransportChannelProvider(channel())
                .setCredentialsProvider(noCredentials())
                .build())));
    }

    Publisher publisher(String topic) {
        return publisher(Publisher.newBuilder(topic));
    }

    /** Builds the publisher after pointing the builder at the emulator. */
    Publisher publisher(Publisher.Builder builder) {
        Publisher publisher = io(() -> builder.setChannelProvider(channel())
                .setCredentialsProvider(noCredentials())
                .build());
        publishers.add(publisher);
        return publisher;
    }

    Subscriber subscriber(String subscription, MessageReceiver receiver) {
        return subscriber(Subscriber.newBuilder(subscription, receiver));
    }

    /** Builds the subscriber after pointing the builder at the emulator. */
    Subscriber subscriber(Subscriber.Builder builder) {
        Subscriber subscriber = builder.setChannelProvider(channel())
                .setCredentialsProvider(noCredentials())
                .build();
        subscribers.add(subscriber);
        return subscriber;
    }

    void createTopicAndSubscription(String topic, Subscription subscription) {
        topicAdmin().createTopic(topic);
        subscriptionAdmin()
                .createSubscription(subscription.toBuilder().setTopic(topic).build());
    }

    static List<ReceivedMessage> pull(SubscriberStub stub, String subscription, int max) {
        return stub.pullCallable()
                .call(PullRequest.newBuilder()
                        .setSubscription(subscription)
                        .setMaxMessages(max)
                        .build())
                .getReceivedMessagesList();
    }

    /** Closes {@code client} with the fixture. */
    void closeLater(AutoCloseable client) {
        clients.add(client);
    }

    private <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static <T> T io(IoSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        for (Subscriber subscriber : subscribers) {
            subscriber.stopAsync();
        }
        for (Subscriber subscriber : subscribers) {
            subscriber.awaitTerminated(10, TimeUnit.SECONDS);
        }
        for (Publisher publisher : publishers) {
            publisher.shutdown();
            publisher.awaitTermination(10, TimeUnit.SECONDS);
        }
        for (AutoCloseable client : clients) {
            client.close();
        }
        for (ManagedChannel channel : channels) {
            channel.shutdownNow();
        }
        emulator.close();
    }
}
