package dev.salesflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.core.ApiFuture;
import com.google.api.gax.batching.BatchingSettings;
import com.google.api.gax.core.FixedExecutorProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.pubsub.v1.Subscription;
import dev.salesflow.events.sale.PaymentMethod;
import dev.salesflow.events.sale.SaleFulfilledEvent;
import dev.salesflow.events.sale.SaleLine;
import dev.salesflow.events.sale.SalePlacedEvent;
import dev.salesflow.events.sale.SalesChannel;
import dev.salesflow.pubsub.emulator.EmulatorSettings;
import dev.salesflow.pubsub.emulator.PubSubEmulator;
import dev.salesflow.relay.BatchPublisher;
import dev.salesflow.relay.EventEnvelopes;
import dev.salesflow.relay.PubSubRelay;
import dev.salesflow.relay.PublisherStubs;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Messages per second through the relay into the embedded emulator, confirmations awaited: the
 * relay's tracking processor (batch size and threads as given) over events held in memory, each
 * turned into its envelope with the aggregate id as ordering key and published to a topic with an
 * ordered subscription. The event store's reads are not measured here (see bench-replay).
 *
 * <p>{@code --publisher stub} is the relay as built ({@link BatchPublisher}: a batch's Publish
 * requests, one per ordering key, all in flight together); {@code --publisher per-message} is the relay before it: the client
 * library's {@code Publisher} with ordering and one message per Publish, as Spring Cloud GCP
 * configured it, for a before/after figure measured back to back.
 *
 * <pre>./run.sh bench-relay --events 200000 --batch-size 1000 --rounds 3</pre>
 */
@Command(
        name = "bench-relay",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "Measures messages per second through the relay into the embedded Pub/Sub emulator.")
public class RelayBenchmark implements Callable<Integer> {

    private static final String PROJECT = "bench";

    @Option(names = "--events", defaultValue = "200000", description = "Events per round (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "Rounds, each on a new topic; the first warms up" + " the JVM (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--batch-size",
            defaultValue = "1000",
            description = "The relay processor's batch size"
                    + " (default: ${DEFAULT-VALUE}; the application's pubsub-relay batch-size).")
    int batchSize;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description = "Processor threads, one segment each (order per"
                    + " aggregate holds: an aggregate's events stay in one segment) (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--publisher",
            defaultValue = "stub",
            description =
                    "stub (the relay as built) or per-message"
                            + " (the client library's Publisher, one message per request, as before) (default: ${DEFAULT-VALUE}).")
    String publisherKind;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the events (default: ${DEFAULT-VALUE}).")
    long seed;

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @Override
    public Integer call() throws Exception {
        quietLogs();
        if (!publisherKind.equals("stub") && !publisherKind.equals("per-message")) {
            throw new IllegalArgumentException("--publisher must be stub or per-message, not " + publisherKind);
        }
        System.out.printf(
                "Relay benchmark: %d events per round, %d rounds, batch size %d, %d thread(s), publisher %s;"
                        + " tracking processor -> envelopes -> Publish with ordering keys -> embedded emulator, every"
                        + " batch confirmed before the next (load average %s)%n",
                events, rounds, batchSize, threads, publisherKind, loadAverage());
        List<EventMessage<?>> stored = events(events, new Random(seed));
        try (PubSubEmulator emulator = PubSubEmulator.start(EmulatorSettings.ephemeral())) {
            ManagedChannel channel = ManagedChannelBuilder.forTarget(emulator.grpcTarget())
                    .usePlaintext()
                    .build();
            try {
                FixedTransportChannelProvider transport =
                        FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
                double best = 0;
                for (int round = 1; round <= rounds; round++) {
                    double rate = round(round, transport, stored);
                    best = Math.max(best, rate);
                }
                System.out.printf("best round: %.0f msgs/s (load average %s)%n", best, loadAverage());
            } finally {
                channel.shutdownNow();
            }
        }
        return 0;
    }

    private double round(int round, FixedTransportChannelProvider transport, List<EventMessage<?>> stored)
            throws Exception {
        String topic = "projects/" + PROJECT + "/topics/relay-bench-" + round;
        String subscription = "projects/" + PROJECT + "/subscriptions/relay-bench-" + round;
        TopicAdminSettings adminSettings = TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(transport)
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build();
        SubscriptionAdminSettings subscriptionSettings = SubscriptionAdminSettings.newBuilder()
                .setTransportChannelProvider(transport)
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build();
        try (TopicAdminClient topics = TopicAdminClient.create(adminSettings);
                SubscriptionAdminClient subscriptions = SubscriptionAdminClient.create(subscriptionSettings)) {
            topics.createTopic(topic);
            subscriptions.createSubscription(Subscription.newBuilder()
                    .setName(subscription)
                    .setTopic(topic)
                    .setEnableMessageOrdering(true)
                    .setAckDeadlineSeconds(60)
                    .build());
            try {
                return measure(round, adminSettings, topic, stored);
            } finally {
                // Frees what the round left in the emulator.
                subscriptions.deleteSubscription(subscription);
                topics.deleteTopic(topic);
            }
        }
    }

    private double measure(int round, TopicAdminSettings adminSettings, String topic, List<EventMessage<?>> stored)
            throws Exception {
        EventEnvelopes envelopes = new EventEnvelopes(json);
        AutoCloseable closeAfter;
        Object handler;
        LongSupplier published;
        if (publisherKind.equals("stub")) {
            BatchPublisher publisher =
                    new BatchPublisher(PublisherStubs.create(adminSettings, Duration.ofSeconds(60)), topic);
            PubSubRelay relay = new PubSubRelay(publisher, envelopes);
            handler = relay;
            published = relay::published;
            closeAfter = publisher;
        } else {
            PerMessageRelay relay = new PerMessageRelay(adminSettings, topic, envelopes);
            handler = relay;
            published = relay.published::get;
            closeAfter = relay;
        }
        Configuration axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor(
                                PubSubRelay.PROCESSING_GROUP,
                                c -> c.eventStore(),
                                c -> TrackingEventProcessorConfiguration.forParallelProcessing(threads)
                                        .andInitialSegmentsCount(threads)
                                        .andBatchSize(batchSize))
                        .registerEventHandler(c -> handler)
                        .registerListenerInvocationErrorHandler(
                                PubSubRelay.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance()))
                .buildConfiguration();
        try {
            axon.eventStore().publish(stored);
            long start = System.nanoTime();
            axon.start();
            long lastReport = start;
            while (published.getAsLong() < stored.size()) {
                Thread.sleep(20);
                if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(5)) {
                    lastReport = System.nanoTime();
                    System.out.printf(
                            "  round %d: %d of %d confirmed after %.1f s%n",
                            round, published.getAsLong(), stored.size(), (lastReport - start) / 1e9);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = stored.size() / seconds;
            System.out.printf(
                    "round %d: %d messages confirmed in %.2f s: %.0f msgs/s (load average %s)%n",
                    round, stored.size(), seconds, rate, loadAverage());
            return rate;
        } finally {
            axon.shutdown();
            closeAfter.close();
        }
    }

    /**
     * Sales as the store holds them: each sale placed (1 to 4 lines), and fulfilled a little later,
     * so most ordering keys are distinct within a batch and some repeat across batches.
     */
    static List<EventMessage<?>> events(int count, Random random) {
        List<EventMessage<?>> events = new ArrayList<>(count);
        Instant at = Instant.parse("2026-11-01T00:00:00Z");
        int sales = 0;
        int fulfilled = 0;
        while (events.size() < count) {
            String saleId = "sale-" + sales++;
            List<SaleLine> lines = new ArrayList<>();
            for (int line = 0, n = 1 + random.nextInt(4); line < n; line++) {
                lines.add(new SaleLine(
                        "product-" + random.nextInt(500),
                        1 + random.nextInt(3),
                        BigDecimal.valueOf(100 + random.nextInt(20_000), 2)));
            }
            at = at.plusMillis(random.nextInt(2_000));
            events.add(new GenericDomainEventMessage<>(
                    "Sale",
                    saleId,
                    0,
                    new SalePlacedEvent(
                            saleId,
                            "customer-" + random.nextInt(20_000),
                            "store-" + random.nextInt(40),
                            SalesChannel.values()[random.nextInt(SalesChannel.values().length)],
                            PaymentMethod.values()[random.nextInt(PaymentMethod.values().length)],
                            "EUR",
                            at,
                            lines)));
            if (sales > 300 && events.size() < count) {
                String earlier = "sale-" + fulfilled++;
                events.add(new GenericDomainEventMessage<>("Sale", earlier, 1, new SaleFulfilledEvent(earlier, at)));
            }
        }
        return events;
    }

    /** The relay before: the client library's ordered Publisher, one message per Publish request. */
    @ProcessingGroup(PubSubRelay.PROCESSING_GROUP)
    static final class PerMessageRelay implements AutoCloseable {
        private static final String PENDING = PerMessageRelay.class.getName() + "/pending";
        private final Publisher publisher;
        private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(4);
        private final EventEnvelopes envelopes;
        final AtomicLong published = new AtomicLong();

        PerMessageRelay(TopicAdminSettings adminSettings, String topic, EventEnvelopes envelopes) throws IOException {
            this.envelopes = envelopes;
            // What Spring Cloud GCP built from application.yml (ordering on, thresholds 1 and 1, a
            // 4-thread scheduler).
            this.publisher = Publisher.newBuilder(topic)
                    .setChannelProvider(adminSettings.getTransportChannelProvider())
                    .setCredentialsProvider(adminSettings.getCredentialsProvider())
                    .setEnableMessageOrdering(true)
                    .setBatchingSettings(BatchingSettings.newBuilder()
                            .setElementCountThreshold(1L)
                            .setRequestByteThreshold(1L)
                            .build())
                    .setExecutorProvider(FixedExecutorProvider.create(executor))
                    .build();
        }

        @EventHandler
        void on(Object payload, EventMessage<?> event) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            List<ApiFuture<String>> pending = root.getOrComputeResource(PENDING, key -> {
                List<ApiFuture<String>> futures = new ArrayList<>();
                root.onPrepareCommit(unit -> {
                    for (ApiFuture<String> future : futures) {
                        try {
                            future.get(60, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException("Pub/Sub did not confirm a message", e);
                        }
                    }
                    published.addAndGet(futures.size());
                });
                return futures;
            });
            pending.add(publisher.publish(envelopes.toMessage(event)));
        }

        @Override
        public void close() throws InterruptedException {
            publisher.shutdown();
            publisher.awaitTermination(10, TimeUnit.SECONDS);
            executor.shutdownNow();
        }
    }

    /** Only warnings: Axon and the emulator log every processor and server start at INFO. */
    private static void quietLogs() {
        System.setProperty("disable-axoniq-console-message", "true");
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
