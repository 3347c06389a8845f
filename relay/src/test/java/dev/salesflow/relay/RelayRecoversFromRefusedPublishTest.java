package dev.salesflow.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.pubsub.v1.stub.GrpcSubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStubSettings;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import dev.salesflow.events.EventEnvelope;
import dev.salesflow.events.customer.CustomerEmailChangedEvent;
import dev.salesflow.pubsub.emulator.EmulatorSettings;
import dev.salesflow.pubsub.emulator.PubSubEmulator;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A refused Publish must not stall the relay (issue 14 item 6): the emulator refuses Publish calls,
 * with a status the client library does not retry by itself, and every event still arrives
 * afterwards, in order per aggregate. The relay is at least once: when its own retries run out while
 * part of a batch was already confirmed, the processor's retry sends those again (bronze lands each
 * event_id once), so a copy may arrive twice, but never out of order ahead of its first arrival. The relay runs as in the application: a tracking
 * processor with the failure propagated, publishing through the real client library's stub into
 * the real emulator.
 */
class RelayRecoversFromRefusedPublishTest {

    private static final String PROJECT = "relay-test";
    private static final String TOPIC = "projects/" + PROJECT + "/topics/sales-events";
    private static final String SUBSCRIPTION = "projects/" + PROJECT + "/subscriptions/sales-events-bronze";
    private static final int AGGREGATES = 60;
    private static final int EVENTS_PER_AGGREGATE = 5;
    /** The processor's batch size: fewer than AGGREGATES, so a batch holds as many distinct keys. */
    private static final int BATCH = 40;

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private PubSubEmulator emulator;
    private ManagedChannel channel;
    private BatchPublisher publisher;
    private SubscriberStub subscriber;
    private Configuration axon;

    @BeforeEach
    void start() throws Exception {
        emulator = PubSubEmulator.start(EmulatorSettings.ephemeral());
        channel = ManagedChannelBuilder.forTarget(emulator.grpcTarget())
                .usePlaintext()
                .build();
        FixedTransportChannelProvider transport =
                FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
        TopicAdminSettings adminSettings = TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(transport)
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build();
        try (TopicAdminClient topics = TopicAdminClient.create(adminSettings);
                SubscriptionAdminClient subscriptions =
                        SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                                .setTransportChannelProvider(transport)
                                .setCredentialsProvider(NoCredentialsProvider.create())
                                .build())) {
            topics.createTopic(TOPIC);
            subscriptions.createSubscription(Subscription.newBuilder()
                    .setName(SUBSCRIPTION)
                    .setTopic(TOPIC)
                    .setEnableMessageOrdering(true)
                    .setAckDeadlineSeconds(60)
                    .build());
        }
        publisher = new BatchPublisher(PublisherStubs.create(adminSettings, Duration.ofSeconds(10)), TOPIC);
        subscriber = GrpcSubscriberStub.create(SubscriberStubSettings.newBuilder()
                .setTransportChannelProvider(transport)
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build());
    }

    @AfterEach
    void stop() {
        if (axon != null) {
            axon.shutdown();
        }
        subscriber.close();
        publisher.close();
        channel.shutdownNow();
        emulator.close();
    }

    @Test
    void refusedPublishesAreSentAgainAndEveryEventArrivesInOrder() {
        // The relay gives refused requests 400 ms of its own retries; after that the batch fails and
        // the processor retries it from its position (after Axon's 1 s, 2 s... back-off).
        PubSubRelay relay = new PubSubRelay(publisher, new EventEnvelopes(json), Duration.ofMillis(400));
        axon = relayOnTrackingProcessor(relay, BATCH);
        // A batch is BATCH requests (one per aggregate), so every attempt is refused whole: several
        // attempts within the relay's deadline, then the processor's retry, until 3 batches' worth
        // of calls were refused. Nothing refused was stored.
        emulator.faults().refuseNextPublishes(3 * BATCH, Status.PERMISSION_DENIED);

        List<EventMessage<?>> stored = storeInterleavedEvents();
        axon.start();

        Map<String, List<Long>> sequencesByAggregate = new LinkedHashMap<>();
        Set<String> eventIds = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (ReceivedMessage received : pull()) {
                JsonNode envelope =
                        json.readTree(received.getMessage().getData().toStringUtf8());
                if (!eventIds.add(envelope.get(EventEnvelope.EVENT_ID).asText())) {
                    duplicates.add(envelope.get(EventEnvelope.EVENT_ID).asText());
                    continue;
                }
                // Order per aggregate is judged on first arrivals; a batch sent again repeats a prefix.
                sequencesByAggregate
                        .computeIfAbsent(
                                envelope.get(EventEnvelope.AGGREGATE_ID).asText(), k -> new ArrayList<>())
                        .add(envelope.get(EventEnvelope.SEQUENCE_NUMBER).asLong());
            }
            return eventIds.size() >= stored.size();
        });

        assertThat(emulator.faults().refused()).isEqualTo(3 * BATCH);
        assertThat(duplicates).as("copies are of events that arrived before").isSubsetOf(eventIds);
        assertThat(eventIds).hasSize(stored.size());
        List<Long> inOrder =
                IntStream.range(0, EVENTS_PER_AGGREGATE).mapToObj(Long::valueOf).toList();
        assertThat(sequencesByAggregate)
                .hasSize(AGGREGATES)
                .allSatisfy((aggregate, sequences) ->
                        assertThat(sequences).as(aggregate).isEqualTo(inOrder));
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.published() == stored.size());
    }

    /** Events of many aggregates, interleaved as the store holds them (a batch spans many keys). */
    private List<EventMessage<?>> storeInterleavedEvents() {
        List<EventMessage<?>> events = new ArrayList<>();
        Instant at = Instant.parse("2026-11-01T00:00:00Z");
        for (int sequence = 0; sequence < EVENTS_PER_AGGREGATE; sequence++) {
            for (int aggregate = 0; aggregate < AGGREGATES; aggregate++) {
                String id = "customer-" + aggregate;
                events.add(new GenericDomainEventMessage<>(
                        "Customer",
                        id,
                        sequence,
                        new CustomerEmailChangedEvent(
                                id, "c" + aggregate + "-" + sequence + "@example.com", at.plusSeconds(sequence))));
            }
        }
        axon.eventStore().publish(events);
        return events;
    }

    private Configuration relayOnTrackingProcessor(PubSubRelay relay, int batchSize) {
        return DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor(
                                PubSubRelay.PROCESSING_GROUP,
                                c -> c.eventStore(),
                                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                        .andBatchSize(batchSize))
                        .registerEventHandler(c -> relay)
                        .registerListenerInvocationErrorHandler(
                                PubSubRelay.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance()))
                .buildConfiguration();
    }

    private List<ReceivedMessage> pull() {
        List<ReceivedMessage> received = subscriber
                .pullCallable()
                .call(PullRequest.newBuilder()
                        .setSubscription(SUBSCRIPTION)
                        .setMaxMessages(500)
                        .setReturnImmediately(true)
                        .build())
                .getReceivedMessagesList();
        if (!received.isEmpty()) {
            subscriber
                    .acknowledgeCallable()
                    .call(AcknowledgeRequest.newBuilder()
                            .setSubscription(SUBSCRIPTION)
                            .addAllAckIds(received.stream()
                                    .map(ReceivedMessage::getAckId)
                                    .toList())
                            .build());
        }
        return received;
    }
}
