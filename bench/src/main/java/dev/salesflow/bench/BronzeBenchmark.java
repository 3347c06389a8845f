package dev.salesflow.bench;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.api.gax.batching.BatchingSettings;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.TopicName;
import dev.salesflow.bronze.BronzeOptions;
import dev.salesflow.bronze.BronzePipeline;
import dev.salesflow.bronze.duckdb.BronzeTables;
import dev.salesflow.pubsub.emulator.EmulatorSettings;
import dev.salesflow.pubsub.emulator.PubSubEmulator;
import dev.salesflow.warehouse.DuckDbWarehouse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * End-to-end benchmark of the bronze job as the application runs it: the embedded emulator, the
 * real google-cloud-pubsub Publisher over plaintext gRPC, the real pipeline on the DirectRunner
 * reading the emulator through Beam's REST client, and a temporary DuckDB file.
 *
 * <p>Modes (first argument):
 * <ul>
 *   <li>{@code throughput [events] [timeoutSeconds]}: publishes all events first, then starts the
 *       job and reports events landed per second between the first and the last row's
 *       {@code ingested_at}, counted in DuckDB.</li>
 *   <li>{@code latency [eventsPerSecond] [seconds]}: starts the job, publishes at a fixed rate and
 *       reports percentiles of {@code ingested_at - published_at} over all landed rows.</li>
 * </ul>
 * Not a unit test: run it by hand as the module README shows. Options the application sets can be
 * overridden with {@code -Dbronze.parallelism=N}.
 */
public final class BronzeBenchmark {

    private static final String PROJECT = "salesflow-bench";
    private static final String TOPIC = TopicName.format(PROJECT, "sales-events");
    private static final String SUBSCRIPTION = "projects/" + PROJECT + "/subscriptions/sales-events-bronze";

    private BronzeBenchmark() {}

    static final String USAGE = "bench-bronze [throughput [EVENTS=100000] [TIMEOUT_SECONDS=300]"
            + " | latency [EVENTS_PER_SECOND=1000] [SECONDS=30] | source [EVENTS=100000] [SECONDS=120]"
            + " | rest [ROUND_TRIPS=20000]]\n"
            + "  throughput: publishes every event first, then starts the job; events/s from the first to the last"
            + " row landed in DuckDB\n"
            + "  latency: publishes at a fixed rate into the running job; percentiles of publish to row\n"
            + "  source, rest: the Pub/Sub source alone, the emulator's REST round trips\n"
            + "  (-Dbronze.parallelism=N overrides the application's setting; see beam-bronze/README.md)";

    private static final List<String> MODES = List.of("throughput", "source", "rest", "latency");

    /**
     * Reads the mode and its numbers before anything starts: {@code --help} prints the usage, a wrong
     * mode or number is one line; both return without starting the emulator or the job.
     *
     * @return the exit code to use when nothing should run, or -1 when the arguments are valid
     */
    static int checkArguments(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        if (args.length > 0 && !MODES.contains(args[0])) {
            err.println("bench-bronze: unknown mode '" + args[0] + "'; the mode is one of " + MODES + " (--help)");
            return 2;
        }
        for (int i = 1; i < args.length; i++) {
            try {
                if (Integer.parseInt(args[i]) <= 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                err.println("bench-bronze: '" + args[i] + "' is not a positive whole number (--help)");
                return 2;
            }
        }
        if (args.length > 3) {
            err.println("bench-bronze: at most a mode and two numbers, got " + List.of(args) + " (--help)");
            return 2;
        }
        return -1;
    }

    public static void main(String[] args) throws Exception {
        int early = checkArguments(args, System.out, System.err);
        if (early >= 0) {
            System.exit(early);
        }
        String mode = args.length > 0 ? args[0] : "throughput";
        Path dir = Files.createTempDirectory("bronze-bench");
        Path file = dir.resolve("warehouse.duckdb");
        System.out.printf(
                "machine: %d cores, %s %s, Java %s, max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        try (PubSubEmulator emulator = PubSubEmulator.start(EmulatorSettings.ephemeral())) {
            createTopicAndSubscription(emulator);
            switch (mode) {
                case "throughput" -> throughput(emulator, file, intArg(args, 1, 100_000), intArg(args, 2, 300));
                case "source" -> sourceOnly(emulator, intArg(args, 1, 100_000), intArg(args, 2, 120));
                case "rest" -> restRoundTrips(emulator, intArg(args, 1, 20_000));
                case "latency" -> latency(emulator, file, intArg(args, 1, 1_000), intArg(args, 2, 30));
                default -> throw new IllegalArgumentException("mode is throughput or latency, was " + mode);
            }
        }
        System.exit(0); // the DirectRunner's and gRPC's non-daemon threads would keep the JVM alive
    }

    private static void throughput(PubSubEmulator emulator, Path file, int events, int timeoutSeconds)
            throws Exception {
        publishAll(emulator, events);
        long started = System.nanoTime();
        long cpuAtStart = processCpuNanos();
        awaitLanding(emulator, file, events, timeoutSeconds, startJob(emulator, file), started, cpuAtStart);
    }

    /** Fills the subscription's backlog before the job starts, so the job's rate is what is measured. */
    private static void publishAll(PubSubEmulator emulator, int events) throws Exception {
        Publisher publisher = publisher(emulator, 1_000, Duration.ofMillis(10));
        long start = System.nanoTime();
        List<ApiFuture<String>> pending = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(42);
        long bytes = 0;
        for (int i = 0; i < events; i++) {
            PubsubMessage message = envelope(random, i, Instant.now());
            bytes += message.getData().size();
            pending.add(publisher.publish(message));
            if (pending.size() >= 10_000) {
                ApiFutures.allAsList(pending).get();
                pending.clear();
            }
        }
        ApiFutures.allAsList(pending).get();
        publisher.shutdown();
        publisher.awaitTermination(1, TimeUnit.MINUTES);
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "published %,d envelopes (mean %d bytes) in %.1f s (%.0f/s); backlog %,d%n",
                events, bytes / events, publishSeconds, events / publishSeconds, emulator.backlog(SUBSCRIPTION));
    }

    private static void awaitLanding(
            PubSubEmulator emulator,
            Path file,
            int events,
            int timeoutSeconds,
            PipelineResult job,
            long started,
            long cpuAtStart)
            throws Exception {
        DuckDbWarehouse warehouse = awaitWarehouse(file);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long landed = 0;
        long lastReport = System.nanoTime();
        while (landed < events && System.nanoTime() < deadline) {
            Thread.sleep(50);
            landed = warehouse.count(BronzeTables.EVENTS);
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(5)) {
                System.out.printf("  … %,d landed, backlog %,d%n", landed, emulator.backlog(SUBSCRIPTION));
                lastReport = System.nanoTime();
            }
        }
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuAtStart) / 1e9;
        Thread.sleep(2_000); // let in-flight acks reach the emulator before reading its backlog
        long backlog = emulator.backlog(SUBSCRIPTION);
        job.cancel();
        List<double[]> span = warehouse.query(
                "select count(*), count(distinct event_id),"
                        + " epoch_ms(max(ingested_at)) - epoch_ms(min(ingested_at)) from " + BronzeTables.EVENTS,
                r -> new double[] {r.getLong(1), r.getLong(2), r.getLong(3)});
        double rows = span.get(0)[0];
        double seconds = span.get(0)[2] / 1000.0;
        System.out.printf(
                "RESULT throughput: %,.0f of %,d events landed (%,.0f distinct) in %.1f s first-to-last row"
                        + " = %,.0f events/s (%.1f s from job start, %,.0f/s with start-up; %.1f s of process CPU,"
                        + " %,.0f events per CPU second); dead letters %d; backlog left %,d; %s%n",
                rows,
                events,
                span.get(0)[1],
                seconds,
                seconds > 0 ? rows / seconds : 0,
                wallSeconds,
                rows / wallSeconds,
                cpuSeconds,
                rows / cpuSeconds,
                warehouse.count(BronzeTables.ERROR_RECORDS),
                backlog,
                settings());
        warehouse.close();
    }

    private static void latency(PubSubEmulator emulator, Path file, int perSecond, int seconds) throws Exception {
        PipelineResult job = startJob(emulator, file);
        long jobStarted = System.nanoTime();
        // Small batches and a short delay, as a relay publishing events as they happen would use.
        Publisher publisher = publisher(emulator, 100, Duration.ofMillis(1));
        // The job's start-up (a cold JVM loading Beam, DuckDB and gRPC) is not steady-state latency:
        // measure only once a first event has landed. (The writers create the tables when their
        // first bundle arrives, so the probe goes out before waiting for them.)
        publisher.publish(envelope(new SplittableRandom(1), -1, Instant.now())).get();
        DuckDbWarehouse warehouse = awaitWarehouse(file);
        while (warehouse.count(BronzeTables.EVENTS) == 0) {
            Thread.sleep(20);
        }
        System.out.printf(
                "job landing %.1f s after start; publishing at the fixed rate now%n",
                (System.nanoTime() - jobStarted) / 1e9);
        int events = perSecond * seconds;
        SplittableRandom random = new SplittableRandom(7);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime();
        List<ApiFuture<String>> pending = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            pending.add(publisher.publish(envelope(random, i, Instant.now())));
            if (i % (perSecond * 5) == 0) {
                System.out.printf(
                        "  … %,d published, %,d not yet acked in the emulator, %,d landed%n",
                        i, emulator.backlog(SUBSCRIPTION), warehouse.count(BronzeTables.EVENTS) - 1);
            }
        }
        ApiFutures.allAsList(pending).get();
        System.out.printf(
                "published %,d envelopes at %d/s in %.1f s%n", events, perSecond, (System.nanoTime() - start) / 1e9);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long landed = 0;
        while (landed < events && System.nanoTime() < deadline) {
            Thread.sleep(200);
            landed = warehouse.count(BronzeTables.EVENTS) - 1; // not the start-up probe
        }
        job.cancel();
        publisher.shutdown();
        // The first seconds include the job's warm-up; report them apart from the steady state.
        String latencies = "select count(*), quantile_cont(ms, 0.5), quantile_cont(ms, 0.9), quantile_cont(ms, 0.99),"
                + " max(ms) from (select epoch_ms(ingested_at) - epoch_ms(published_at) as ms, published_at"
                + " from " + BronzeTables.EVENTS + " where aggregate_id <> 'sale--1')"
                + " where published_at >= (select min(published_at) from " + BronzeTables.EVENTS
                + " where aggregate_id <> 'sale--1') + interval '%d seconds'";
        for (int skip : new int[] {0, 5, 15}) {
            List<String> line = warehouse.query(
                    latencies.formatted(skip),
                    r -> String.format(
                            "%,d rows: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %d ms",
                            r.getLong(1), r.getDouble(2), r.getDouble(3), r.getDouble(4), r.getLong(5)));
            System.out.printf(
                    "RESULT latency at %d/s (%s): %s; landed %,d of %,d; %s%n",
                    perSecond,
                    skip == 0 ? "all" : "after the first " + skip + " s",
                    line.get(0),
                    landed,
                    events,
                    settings());
        }
        warehouse.close();
    }

    /**
     * The read side alone: the same PubsubIO read and options, each message counted and dropped.
     * Shows the ceiling that the DirectRunner and the emulator's REST API put on the whole job.
     */
    private static void sourceOnly(PubSubEmulator emulator, int events, int timeoutSeconds) throws Exception {
        publishAll(emulator, events);
        BronzeOptions options = options(emulator, Path.of("unused.duckdb"));
        options.setStreaming(true);
        org.apache.beam.sdk.Pipeline pipeline = org.apache.beam.sdk.Pipeline.create(options);
        pipeline.apply(org.apache.beam.sdk.io.gcp.pubsub.PubsubIO.readMessagesWithAttributesAndMessageId()
                        .fromSubscription(SUBSCRIPTION))
                .apply(org.apache.beam.sdk.transforms.ParDo.of(new CountFn()));
        PipelineResult job = pipeline.run();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (CountFn.SEEN.get() == 0) {
            Thread.sleep(5);
        }
        long first = System.nanoTime();
        while (emulator.backlog(SUBSCRIPTION) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - first) / 1e9;
        job.cancel();
        System.out.printf(
                "RESULT source only: %,d messages read (%,d acked) in %.1f s = %,.0f messages/s;" + " parallelism %s%n",
                CountFn.SEEN.get(),
                events - emulator.backlog(SUBSCRIPTION),
                seconds,
                (events - emulator.backlog(SUBSCRIPTION)) / seconds,
                parallelism());
    }

    /**
     * Beam's own REST client against the emulator, without the runner: the cost of one request and
     * of pulling and acking in PubsubUnboundedSource's sizes (pulls of 1,000; acks of one bundle, 10).
     */
    private static void restRoundTrips(PubSubEmulator emulator, int events) throws Exception {
        publishAll(emulator, events);
        BronzeOptions options = options(emulator, Path.of("unused.duckdb"));
        try (org.apache.beam.sdk.io.gcp.pubsub.PubsubClient client =
                org.apache.beam.sdk.io.gcp.pubsub.PubsubJsonClient.FACTORY.newClient(null, null, options)) {
            org.apache.beam.sdk.io.gcp.pubsub.PubsubClient.SubscriptionPath path =
                    org.apache.beam.sdk.io.gcp.pubsub.PubsubClient.subscriptionPathFromPath(SUBSCRIPTION);
            for (int round = 0; round < 2; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    client.ackDeadlineSeconds(path);
                }
                System.out.printf(
                        "RESULT rest: GET subscription %.1f ms per request%n", (System.nanoTime() - start) / 1e6 / 100);
            }
            long pulled = 0;
            long pullNanos = 0;
            long ackNanos = 0;
            int acks = 0;
            while (pulled < events) {
                long t0 = System.nanoTime();
                var messages = new ArrayList<>(client.pull(System.currentTimeMillis(), path, 1_000, true));
                long t1 = System.nanoTime();
                pullNanos += t1 - t0;
                if (messages.isEmpty()) {
                    break;
                }
                pulled += messages.size();
                for (int from = 0; from < messages.size(); from += 10) {
                    List<String> ids = new ArrayList<>();
                    for (var m : messages.subList(from, Math.min(from + 10, messages.size()))) {
                        ids.add(m.ackId());
                    }
                    client.acknowledge(path, ids);
                    acks++;
                }
                ackNanos += System.nanoTime() - t1;
            }
            System.out.printf(
                    "RESULT rest: pulled %,d in %.1f s of pulls (%,.0f messages/s, %.1f ms per pull of"
                            + " 1,000); %,d acks of 10 took %.1f ms each%n",
                    pulled,
                    pullNanos / 1e9,
                    pulled / (pullNanos / 1e9),
                    pullNanos / 1e6 / Math.max(1, pulled / 1000),
                    acks,
                    ackNanos / 1e6 / Math.max(1, acks));
        }
    }

    /** Counts what the source hands out; a static counter because the runner copies the DoFn. */
    static final class CountFn
            extends org.apache.beam.sdk.transforms.DoFn<org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage, Void> {
        static final java.util.concurrent.atomic.AtomicLong SEEN = new java.util.concurrent.atomic.AtomicLong();

        @ProcessElement
        public void process() {
            SEEN.incrementAndGet();
        }
    }

    /** The options of {@code BronzeJob} in the application, on a temporary DuckDB file. */
    private static PipelineResult startJob(PubSubEmulator emulator, Path file) {
        return BronzePipeline.build(options(emulator, file)).run();
    }

    private static BronzeOptions options(PubSubEmulator emulator, Path file) {
        BronzeOptions options = PipelineOptionsFactory.create().as(BronzeOptions.class);
        options.setRunner(DirectRunner.class);
        options.setAppName("salesflow-bronze-benchmark");
        options.setProject(PROJECT);
        options.setSubscription(SUBSCRIPTION);
        options.setSink(BronzeOptions.Sink.DUCKDB);
        options.setDuckdbFile(file.toString());
        options.setReadPath(readPath());
        // PUBSUB_IO with DuckDB acks before landing; measured here, refused without this everywhere else.
        options.setAllowAckBeforeLanding(readPath() == BronzeOptions.ReadPath.PUBSUB_IO);
        // As BronzeJob: the gRPC batch path, with the REST endpoint still set for PUBSUB_IO runs.
        options.setPubsubGrpcTarget(emulator.grpcTarget());
        options.setPubsubRootUrl(emulator.restUrl());
        options.setCredentialFactoryClass(NoopCredentialFactory.class);
        DirectOptions direct = options.as(DirectOptions.class);
        direct.setBlockOnRun(false);
        direct.setTargetParallelism(parallelism());
        boolean checks = Boolean.parseBoolean(System.getProperty("bronze.checks", "false"));
        direct.setEnforceImmutability(checks);
        direct.setEnforceEncodability(checks);
        return options;
    }

    private static BronzeOptions.ReadPath readPath() {
        return BronzeOptions.ReadPath.valueOf(System.getProperty("bronze.readPath", "GRPC_BATCHES"));
    }

    private static String settings() {
        return "read path " + readPath() + ", parallelism " + parallelism() + ", runner checks "
                + System.getProperty("bronze.checks", "false");
    }

    /** CPU time of this JVM: on a shared machine, a figure that other processes disturb less. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static int parallelism() {
        return Integer.getInteger("bronze.parallelism", 2);
    }

    /** The job creates the tables in its DoFn setup; wait for them before counting. */
    private static DuckDbWarehouse awaitWarehouse(Path file) throws InterruptedException {
        // A cold start on a loaded 2-core machine has taken over a minute.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        DuckDbWarehouse warehouse = DuckDbWarehouse.open(file);
        while (!warehouse.tableExists("sales_bronze", "sales_events") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return warehouse;
    }

    private static void createTopicAndSubscription(PubSubEmulator emulator) throws Exception {
        try (TopicAdminClient topics = TopicAdminClient.create(TopicAdminSettings.newBuilder()
                        .setTransportChannelProvider(channel(emulator))
                        .setCredentialsProvider(NoCredentialsProvider.create())
                        .build());
                SubscriptionAdminClient subscriptions =
                        SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                                .setTransportChannelProvider(channel(emulator))
                                .setCredentialsProvider(NoCredentialsProvider.create())
                                .build())) {
            topics.createTopic(TOPIC);
            subscriptions.createSubscription(SUBSCRIPTION, TOPIC, PushConfig.getDefaultInstance(), 60);
        }
    }

    private static Publisher publisher(PubSubEmulator emulator, long batchMessages, Duration delay) throws Exception {
        return Publisher.newBuilder(TOPIC)
                .setChannelProvider(channel(emulator))
                .setCredentialsProvider(NoCredentialsProvider.create())
                .setBatchingSettings(BatchingSettings.newBuilder()
                        .setElementCountThreshold(batchMessages)
                        .setRequestByteThreshold(batchMessages * 1_000)
                        .setDelayThreshold(org.threeten.bp.Duration.ofMillis(delay.toMillis()))
                        .build())
                .build();
    }

    private static TransportChannelProvider channel(PubSubEmulator emulator) {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(emulator.grpcTarget())
                .usePlaintext()
                .build();
        return FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    }

    /** A SalePlacedEvent envelope of 450–1000 bytes (1–5 order lines), as the relay publishes it. */
    static PubsubMessage envelope(SplittableRandom random, int sequence, Instant publishedAt) {
        String eventId = UUID.randomUUID().toString();
        String saleId = "sale-" + sequence;
        StringBuilder lines = new StringBuilder();
        int lineCount = 1 + random.nextInt(5);
        for (int line = 0; line < lineCount; line++) {
            if (line > 0) {
                lines.append(',');
            }
            lines.append("{\"productId\":\"prod-%05d\",\"quantity\":%d,\"unitPrice\":%d.%02d,\"sku\":\"SKU-%08X\"}"
                    .formatted(
                            random.nextInt(20_000),
                            1 + random.nextInt(4),
                            5 + random.nextInt(2_000),
                            random.nextInt(100),
                            random.nextInt()));
        }
        String occurredAt = publishedAt.minusMillis(random.nextInt(500)).toString();
        String json = ("{\"event_id\":\"%s\",\"event_type\":\"SalePlacedEvent\",\"event_revision\":null,"
                        + "\"aggregate_type\":\"Sale\",\"aggregate_id\":\"%s\",\"sequence_number\":0,"
                        + "\"occurred_at\":\"%s\",\"published_at\":\"%s\",\"payload\":{\"saleId\":\"%s\","
                        + "\"customerId\":\"cust-%06d\",\"storeId\":\"store-%03d\",\"channel\":\"WEB\","
                        + "\"paymentMethod\":\"CARD\",\"currency\":\"EUR\",\"lines\":[%s]}}")
                .formatted(
                        eventId,
                        saleId,
                        occurredAt,
                        publishedAt,
                        saleId,
                        random.nextInt(1_000_000),
                        random.nextInt(200),
                        lines);
        Map<String, String> attributes = new HashMap<>();
        attributes.put("event_id", eventId);
        attributes.put("event_type", "SalePlacedEvent");
        attributes.put("occurred_at", occurredAt);
        return PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8))
                .putAllAttributes(attributes)
                .build(); // no ordering key: with unique keys the Publisher would send one message per request
    }

    private static int intArg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
