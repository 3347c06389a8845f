package dev.salesflow.app.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PublisherGrpc;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.SubscriberGrpc;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.bronze.JobSupervisor;
import dev.salesflow.pubsub.emulator.EmulatorSettings;
import dev.salesflow.pubsub.emulator.PubSubEmulator;
import dev.salesflow.warehouse.DuckDbWarehouse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The application's bronze job against the real emulator and a real DuckDB file whose events table
 * takes no write: it is restarted with backoff, says so through {@link BronzeJob#health()}, and
 * gives up visibly; once the warehouse takes writes again it recovers and lands the backlog.
 */
class BronzeJobTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    private PubSubEmulator emulator;
    private ManagedChannel channel;
    private SalesflowProperties properties;
    private BronzeJob job;

    @BeforeEach
    void start() {
        emulator = PubSubEmulator.start(EmulatorSettings.ephemeral());
        properties = new SalesflowProperties(
                dataDir,
                null,
                new SalesflowProperties.PubSub("p", "sales-events", "sales-events-bronze", true, null),
                new SalesflowProperties.Bronze(true, 2),
                null,
                null,
                "EUR");
        channel = ManagedChannelBuilder.forTarget(emulator.grpcTarget())
                .usePlaintext()
                .build();
        String topic = "projects/p/topics/sales-events";
        PublisherGrpc.newBlockingStub(channel)
                .createTopic(Topic.newBuilder().setName(topic).build());
        SubscriberGrpc.newBlockingStub(channel)
                .createSubscription(Subscription.newBuilder()
                        .setName(properties.pubsub().subscriptionPath())
                        .setTopic(topic)
                        .setAckDeadlineSeconds(10)
                        .build());
        PublishRequest.Builder publish = PublishRequest.newBuilder().setTopic(topic);
        for (int i = 0; i < 50; i++) {
            publish.addMessages(PubsubMessage.newBuilder()
                    .setData(ByteString.copyFrom(envelope("e-" + i, i), StandardCharsets.UTF_8))
                    .build());
        }
        PublisherGrpc.newBlockingStub(channel).publish(publish.build());
        // A table the job cannot insert into: every run fails at its first write.
        DuckDbWarehouse warehouse = DuckDbWarehouse.open(properties.warehouseFile());
        warehouse.execute("create schema sales_bronze");
        warehouse.execute("create table sales_bronze.sales_events (event_id varchar primary key,"
                + " event_type varchar, event_revision varchar, aggregate_type varchar, aggregate_id varchar,"
                + " sequence_number bigint, occurred_at timestamp, published_at timestamp, payload json,"
                + " raw_message varchar, pubsub_message_id varchar, attributes json, ingested_at timestamp,"
                + " blocks_every_insert varchar not null)");
    }

    @AfterEach
    void stop() throws Exception {
        if (job != null) {
            job.stop();
        }
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        emulator.close();
    }

    private BronzeJob job(JobSupervisor.Backoff backoff) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("emulator", emulator));
        job = new BronzeJob(properties, beans.getBeanProvider(PubSubEmulator.class), backoff);
        return job;
    }

    @Test
    void aFailingJobIsRestartedAndRecoversWhenTheWarehouseTakesWritesAgain() {
        BronzeJob bronze = job(
                new JobSupervisor.Backoff(Duration.ofMillis(500), Duration.ofSeconds(2), 20, Duration.ofMinutes(5)));
        assertThat(bronze.state()).isEqualTo("NOT STARTED");
        bronze.start();

        await().atMost(PATIENCE).until(() -> bronze.health().phase() == JobSupervisor.Phase.RESTARTING);
        assertThat(bronze.health().lastError()).contains("blocks_every_insert");
        assertThat(bronze.health().healthy()).isTrue();
        assertThat(bronze.state()).startsWith("RESTARTING (attempt ");

        DuckDbWarehouse warehouse = DuckDbWarehouse.open(properties.warehouseFile());
        warehouse.execute("drop table sales_bronze.sales_events");
        await().atMost(PATIENCE)
                .until(() -> warehouse.tableExists("sales_bronze", "sales_events")
                        && warehouse.count("sales_bronze.sales_events") == 50);
        assertThat(bronze.health().phase()).isEqualTo(JobSupervisor.Phase.RUNNING);
        await().atMost(PATIENCE).until(() -> bronze.counters().getOrDefault("events_written", 0L) == 50);

        bronze.stop();
        assertThat(bronze.isRunning()).isFalse();
        assertThat(bronze.health().phase()).isEqualTo(JobSupervisor.Phase.STOPPED);
    }

    @Test
    void aJobThatCannotRecoverIsReportedFailed() {
        BronzeJob bronze = job(
                new JobSupervisor.Backoff(Duration.ofMillis(100), Duration.ofMillis(200), 2, Duration.ofMinutes(5)));
        bronze.start();

        await().atMost(PATIENCE).until(() -> bronze.health().phase() == JobSupervisor.Phase.FAILED);
        JobSupervisor.Health health = bronze.health();
        assertThat(health.healthy()).isFalse();
        assertThat(health.attempt()).isEqualTo(2);
        assertThat(health.lastError()).contains("blocks_every_insert");
        assertThat(bronze.state()).startsWith("FAILED (gave up after 2 restarts; last error: ");
        assertThat(emulator.backlog(properties.pubsub().subscriptionPath())).isEqualTo(50); // nothing acked
    }

    private static String envelope(String eventId, long sequence) {
        return ("{\"event_id\":\"%s\",\"event_type\":\"SalePlacedEvent\",\"event_revision\":\"2\","
                        + "\"aggregate_type\":\"Sale\",\"aggregate_id\":\"s-%d\",\"sequence_number\":%d,"
                        + "\"occurred_at\":\"2026-01-02T03:04:05Z\",\"published_at\":\"2026-01-02T03:04:06.123Z\","
                        + "\"payload\":{\"saleId\":\"s-%d\",\"lines\":[]}}")
                .formatted(eventId, sequence, sequence, sequence);
    }
}
