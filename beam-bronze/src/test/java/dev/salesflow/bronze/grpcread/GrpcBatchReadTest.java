package dev.salesflow.bronze.grpcread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PublisherGrpc;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.SubscriberGrpc;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import dev.salesflow.bronze.BronzeOptions;
import dev.salesflow.bronze.BronzePipeline;
import dev.salesflow.bronze.JobSupervisor;
import dev.salesflow.pubsub.emulator.EmulatorSettings;
import dev.salesflow.pubsub.emulator.PubSubEmulator;
import dev.salesflow.warehouse.DuckDbWarehouse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code GRPC_BATCHES} read path end to end on the DirectRunner: the embedded emulator, the real
 * pipeline, a DuckDB file. Every message lands exactly once, nothing is acked before its row is
 * committed, and messages of a failed write are delivered again to the next run.
 */
class GrpcBatchReadTest {

    private static final String TOPIC = "projects/p/topics/sales-events";
    private static final String SUBSCRIPTION = "projects/p/subscriptions/sales-events-bronze";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private PubSubEmulator emulator;
    private ManagedChannel channel;
    private final List<PipelineResult> jobs = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<JobSupervisor> supervisors = new ArrayList<>();

    @BeforeEach
    void startEmulator() {
        emulator = PubSubEmulator.start(EmulatorSettings.ephemeral());
        channel = ManagedChannelBuilder.forTarget(emulator.grpcTarget())
                .usePlaintext()
                .build();
        PublisherGrpc.newBlockingStub(channel)
                .createTopic(Topic.newBuilder().setName(TOPIC).build());
    }

    private void subscribe(int ackDeadlineSeconds) {
        SubscriberGrpc.newBlockingStub(channel)
                .createSubscription(Subscription.newBuilder()
                        .setName(SUBSCRIPTION)
                        .setTopic(TOPIC)
                        .setAckDeadlineSeconds(ackDeadlineSeconds)
                        .build());
    }

    @AfterEach
    void stop() throws Exception {
        supervisors.forEach(JobSupervisor::stop);
        for (PipelineResult job : jobs) {
            if (!job.getState().isTerminal()) {
                job.cancel();
            }
        }
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        emulator.close();
    }

    @Test
    void landsEveryMessageOnceDeadLettersTheBadOnesAndAcksThemAll() {
        subscribe(600); // no redelivery by expiry: every copy below was published twice
        Path file = dir.resolve("warehouse.duckdb");
        List<PubsubMessage> messages = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            messages.add(message(envelope("e-" + i, i)));
        }
        for (int i = 0; i < 300; i++) {
            messages.add(message(envelope("e-" + (i * 7), i * 7))); // the relay published these again
        }
        messages.add(message("this is not json"));
        messages.add(message(envelope("e-x", 0).replace("SalePlacedEvent", "SaleTeleportedEvent")));
        publish(messages);

        PipelineResult job = start(file, 64);
        DuckDbWarehouse warehouse = awaitTables(file);
        await().atMost(PATIENCE)
                .until(() -> emulator.backlog(SUBSCRIPTION) == 0
                        && warehouse.count("sales_bronze.sales_events") == 2_500
                        && warehouse.count("sales_bronze.sales_events_error_records") == 2);

        assertThat(warehouse.query(
                        "select count(distinct event_id), count(distinct pubsub_message_id)"
                                + " from sales_bronze.sales_events",
                        r -> r.getLong(1) + "/" + r.getLong(2)))
                .containsExactly("2500/2500");
        assertThat(warehouse.query(
                        "select error_message from sales_bronze.sales_events_error_records order by 1",
                        r -> r.getString(1)))
                .satisfiesExactly(
                        first -> assertThat(first)
                                .isEqualTo("not JSON: Unrecognized token 'this': was expecting (JSON"
                                        + " String, Number, Array, Object or token 'null', 'true' or 'false')"),
                        second -> assertThat(second)
                                .startsWith(
                                        "unknown event_type 'SaleTeleportedEvent'; known types:"
                                                + " CustomerRegisteredEvent, ProductListedEvent, StoreOpenedEvent, SalePlacedEvent"));
        // The metrics are committed with the bundles, a moment after the rows they count.
        await().atMost(PATIENCE)
                .until(() -> counters(job).getOrDefault("events_written", 0L) == 2_500
                        && counters(job).getOrDefault("events_duplicates_dropped", 0L) == 300);
        Map<String, Long> counters = counters(job);
        assertThat(counters)
                .containsEntry("parsed", 2_800L)
                .containsEntry("dead_lettered", 2L)
                .containsEntry("error_records_written", 2L);
    }

    @Test
    void acksNothingBeforeItsRowIsCommittedAndAFailedWriteIsDeliveredAgain() {
        // Failed writes are nacked at once; batches the dying job had pulled but not yet written come
        // back when their ack deadline (the minimum, 10 s) has passed.
        subscribe(10);
        Path file = dir.resolve("warehouse.duckdb");
        DuckDbWarehouse warehouse = DuckDbWarehouse.open(file);
        // A table the job cannot insert into: every write of the first run fails at commit.
        warehouse.execute("create schema sales_bronze");
        warehouse.execute("create table sales_bronze.sales_events (event_id varchar primary key,"
                + " event_type varchar, event_revision varchar, aggregate_type varchar, aggregate_id varchar,"
                + " sequence_number bigint, occurred_at timestamp, published_at timestamp, payload json,"
                + " raw_message varchar, pubsub_message_id varchar, attributes json, ingested_at timestamp,"
                + " blocks_every_insert varchar not null)");
        List<PubsubMessage> messages = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            messages.add(message(envelope("e-" + i, i)));
        }
        publish(messages);

        PipelineResult failing = start(file, 50);
        await().atMost(PATIENCE).until(() -> failing.getState() == PipelineResult.State.FAILED);
        // Pulled, not landed, so not acked: all 500 are still the subscription's.
        assertThat(emulator.backlog(SUBSCRIPTION)).isEqualTo(500);
        assertThat(warehouse.count("sales_bronze.sales_events")).isZero();

        warehouse.execute("drop table sales_bronze.sales_events"); // the job creates the right one
        start(file, 50);
        await().atMost(PATIENCE)
                .until(() ->
                        emulator.backlog(SUBSCRIPTION) == 0 && warehouse.count("sales_bronze.sales_events") == 500);
        assertThat(warehouse.query("select count(distinct event_id) from sales_bronze.sales_events", r -> r.getLong(1)))
                .containsExactly(500L);
    }

    @Test
    void aRowDuckDbRefusesIsDeadLetteredAndNeitherItsGroupNorTheJobFails() {
        subscribe(600);
        Path file = dir.resolve("warehouse.duckdb");
        List<PubsubMessage> messages = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            messages.add(message(envelope("e-" + i, i)));
            if (i == 123) {
                // A valid RFC 3339 time that DuckDB's TIMESTAMP cannot hold: the write of this row fails.
                messages.add(message(envelope("e-far", 7).replace("2026-01-02T03:04:05Z", "+999999-01-01T00:00:00Z")));
            }
        }
        publish(messages);

        PipelineResult job = start(file, 50);
        DuckDbWarehouse warehouse = awaitTables(file);
        await().atMost(PATIENCE)
                .until(() -> emulator.backlog(SUBSCRIPTION) == 0
                        && warehouse.count("sales_bronze.sales_events") == 400
                        && warehouse.count("sales_bronze.sales_events_error_records") == 1);

        assertThat(job.getState()).isEqualTo(PipelineResult.State.RUNNING);
        assertThat(warehouse.query(
                        "select error_message from sales_bronze.sales_events_error_records"
                                + " where payload_string like '%e-far%'",
                        r -> r.getString(1)))
                .containsExactly("sales_bronze.sales_events refused this row, alone, while it took a probe row:"
                        + " java.lang.ArithmeticException: long overflow");
        assertThat(warehouse.query(
                        "select stacktrace from sales_bronze.sales_events_error_records", r -> r.getString(1)))
                .singleElement()
                .asString()
                .contains("ArithmeticException", "GroupCommit");
        await().atMost(PATIENCE).until(() -> counters(job).getOrDefault("events_written", 0L) == 400);
        assertThat(counters(job)).containsEntry("dead_lettered", 1L);
    }

    /** A warehouse table the job cannot insert into: every write fails, whatever the rows. */
    private static void breakEventsTable(DuckDbWarehouse warehouse) {
        warehouse.execute("create schema if not exists sales_bronze");
        warehouse.execute("create table sales_bronze.sales_events (event_id varchar primary key,"
                + " event_type varchar, event_revision varchar, aggregate_type varchar, aggregate_id varchar,"
                + " sequence_number bigint, occurred_at timestamp, published_at timestamp, payload json,"
                + " raw_message varchar, pubsub_message_id varchar, attributes json, ingested_at timestamp,"
                + " blocks_every_insert varchar not null)");
    }

    @Test
    void aSupervisedJobIsRestartedWithBackoffAndRecoversOnceTheWarehouseTakesWritesAgain() {
        subscribe(10);
        Path file = dir.resolve("warehouse.duckdb");
        DuckDbWarehouse warehouse = DuckDbWarehouse.open(file);
        breakEventsTable(warehouse);
        List<PubsubMessage> messages = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            messages.add(message(envelope("e-" + i, i)));
        }
        publish(messages);
        JobSupervisor supervisor = new JobSupervisor(
                "test job",
                () -> start(file, 50),
                ended -> {},
                new JobSupervisor.Backoff(Duration.ofMillis(500), Duration.ofSeconds(2), 20, Duration.ofMinutes(5)));
        supervisors.add(supervisor);
        supervisor.start();

        await().atMost(PATIENCE).until(() -> supervisor.health().phase() == JobSupervisor.Phase.RESTARTING);
        JobSupervisor.Health restarting = supervisor.health();
        assertThat(restarting.attempt()).isPositive();
        assertThat(restarting.lastError()).contains("blocks_every_insert");
        assertThat(restarting.describe()).startsWith("RESTARTING (attempt ").contains(" of 20, last error: ");
        assertThat(restarting.healthy()).isTrue();

        warehouse.execute("drop table sales_bronze.sales_events"); // the next run creates the right one
        await().atMost(PATIENCE)
                .until(() ->
                        emulator.backlog(SUBSCRIPTION) == 0 && warehouse.count("sales_bronze.sales_events") == 300);
        assertThat(supervisor.health().phase()).isEqualTo(JobSupervisor.Phase.RUNNING);
        assertThat(supervisor.health().describe()).startsWith("RUNNING (restarted, attempt ");
    }

    @Test
    void aSupervisedJobThatCannotRecoverEndsFailedWithItsLastError() {
        subscribe(10);
        Path file = dir.resolve("warehouse.duckdb");
        breakEventsTable(DuckDbWarehouse.open(file));
        publish(List.of(message(envelope("e-1", 1))));
        JobSupervisor supervisor = new JobSupervisor(
                "test job",
                () -> start(file, 50),
                ended -> {},
                new JobSupervisor.Backoff(Duration.ofMillis(100), Duration.ofMillis(200), 1, Duration.ofMinutes(5)));
        supervisors.add(supervisor);
        supervisor.start();

        await().atMost(PATIENCE).until(() -> supervisor.health().phase() == JobSupervisor.Phase.FAILED);
        JobSupervisor.Health failed = supervisor.health();
        assertThat(failed.healthy()).isFalse();
        assertThat(failed.lastError()).contains("blocks_every_insert");
        assertThat(failed.describe()).startsWith("FAILED (gave up after 1 restarts; last error: ");
        assertThat(emulator.backlog(SUBSCRIPTION)).isEqualTo(1); // not acked: still there for a later run
    }

    @Test
    void theStandaloneJobExitsNonZeroWhenItFails() {
        subscribe(10);
        Path file = dir.resolve("warehouse.duckdb");
        breakEventsTable(DuckDbWarehouse.open(file));
        publish(List.of(message(envelope("e-1", 1))));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

        int status = assertTimeoutPreemptively(
                PATIENCE,
                () -> BronzePipeline.run(
                        new String[] {
                            "--subscription=" + SUBSCRIPTION,
                            "--duckdbFile=" + file,
                            "--pubsubGrpcTarget=" + emulator.grpcTarget(),
                            "--targetParallelism=2"
                        },
                        new java.io.PrintStream(err, true)));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("The bronze job failed: ")
                .contains("blocks_every_insert")
                .contains("not acked and stay in " + SUBSCRIPTION);
    }

    private PipelineResult start(Path file, int pullBatchSize) {
        BronzeOptions options = PipelineOptionsFactory.create().as(BronzeOptions.class);
        options.setRunner(DirectRunner.class);
        options.setSubscription(SUBSCRIPTION);
        options.setDuckdbFile(file.toString());
        options.setReadPath(BronzeOptions.ReadPath.GRPC_BATCHES);
        options.setPubsubGrpcTarget(emulator.grpcTarget());
        options.setPullBatchSize(pullBatchSize);
        options.setMaxOutstandingMessages(pullBatchSize * 4);
        DirectOptions direct = options.as(DirectOptions.class);
        direct.setBlockOnRun(false);
        direct.setTargetParallelism(2);
        PipelineResult job = BronzePipeline.build(options).run();
        jobs.add(job);
        return job;
    }

    private static DuckDbWarehouse awaitTables(Path file) {
        await().atMost(PATIENCE)
                .until(() -> file.toFile().exists()
                        && DuckDbWarehouse.open(file).tableExists("sales_bronze", "sales_events_error_records"));
        return DuckDbWarehouse.open(file);
    }

    private static Map<String, Long> counters(PipelineResult job) {
        Map<String, Long> totals = new HashMap<>();
        for (MetricResult<Long> counter :
                job.metrics().queryMetrics(MetricsFilter.builder().build()).getCounters()) {
            totals.merge(counter.getName().getName(), counter.getAttempted(), Long::sum);
        }
        return totals;
    }

    private void publish(List<PubsubMessage> messages) {
        PublisherGrpc.PublisherBlockingStub publisher = PublisherGrpc.newBlockingStub(channel);
        for (int from = 0; from < messages.size(); from += 500) {
            publisher.publish(PublishRequest.newBuilder()
                    .setTopic(TOPIC)
                    .addAllMessages(messages.subList(from, Math.min(from + 500, messages.size())))
                    .build());
        }
    }

    private static PubsubMessage message(String data) {
        return PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(data, StandardCharsets.UTF_8))
                .putAttributes("event_type", "SalePlacedEvent")
                .build();
    }

    private static String envelope(String eventId, long sequence) {
        return ("{\"event_id\":\"%s\",\"event_type\":\"SalePlacedEvent\",\"event_revision\":null,"
                        + "\"aggregate_type\":\"Sale\",\"aggregate_id\":\"s-%d\",\"sequence_number\":%d,"
                        + "\"occurred_at\":\"2026-01-02T03:04:05Z\",\"published_at\":\"2026-01-02T03:04:06.123Z\","
                        + "\"payload\":{\"saleId\":\"s-%d\",\"lines\":[]}}")
                .formatted(eventId, sequence, sequence, sequence);
    }
}
