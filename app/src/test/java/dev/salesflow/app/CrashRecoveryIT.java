package dev.salesflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import dev.salesflow.warehouse.DuckDbWarehouse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the packaged application (SIGKILL) several times at random moments while sales flow,
 * mixes malformed messages into the topic, and checks after a last restart that every stored event
 * is in bronze exactly once and every malformed message is a dead letter with its reason.
 */
class CrashRecoveryIT {

    static final Path JAR = Path.of(System.getProperty("salesflow.jar", "target/salesflow.jar"));
    static final ObjectMapper JSON = new ObjectMapper();
    static final int KILLS = 3;

    @TempDir
    Path dataDir;

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port = PipelineEndToEndIT.freePort();
    private final int grpcPort = PipelineEndToEndIT.freePort();
    private final int restPort = PipelineEndToEndIT.freePort();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void killedRunsLoseAndDuplicateNothingAndBadInputBecomesDeadLetters() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        System.out.println("CrashRecoveryIT random seed: " + seed);
        long storedBefore = 0;
        long seenDownstream = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            Process run = start("--rate=300", "--count=1500");
            long killAt = storedBefore + 100 + random.nextInt(700);
            await("run " + kill + " to store " + killAt + " events")
                    .atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> status().map(s -> s.get("eventsStored").asLong() >= killAt)
                            .orElse(false));
            // Bronze rows survive the kill (DuckDB commits them), so their events must survive it too.
            seenDownstream = Math.max(
                    seenDownstream, status().orElseThrow().get("bronzeRows").asLong());
            run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            storedBefore = killAt;
        }

        Process last = start("--count=0");
        await("the last run to listen").atMost(Duration.ofMinutes(5)).until(() -> status().isPresent());
        List<String> reasons = publishMalformedMessages();
        await("bronze to hold every stored event and the dead letters")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> status().map(s -> s.get("bronzeRows").asLong()
                                        == s.get("eventsStored").asLong()
                                && s.get("deadLetters").asLong() == reasons.size())
                        .orElse(false));
        long stored = status().orElseThrow().get("eventsStored").asLong();
        last.destroy();
        assertThat(last.waitFor(60, TimeUnit.SECONDS))
                .as("a clean stop on SIGTERM")
                .isTrue();

        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dataDir.resolve("warehouse/analytics.duckdb"))) {
            // The store may lose the last commands nobody had read yet (H2 writes in the background and
            // flushes before it hands events on; the generator sends them again), never one bronze holds.
            assertThat(warehouse.count("sales_bronze.sales_events"))
                    .isEqualTo(stored)
                    .isGreaterThanOrEqualTo(seenDownstream);
            assertThat(seenDownstream).as("bronze rows seen before the kills").isPositive();
            assertThat(warehouse.query(
                            "select count(distinct event_id) = count(*) from sales_bronze.sales_events",
                            r -> r.getBoolean(1)))
                    .containsExactly(true);
            assertThat(warehouse.query(
                            "select count(distinct (aggregate_id, sequence_number)) = count(*)"
                                    + " from sales_bronze.sales_events",
                            r -> r.getBoolean(1)))
                    .containsExactly(true);
            assertThat(warehouse.query(
                            "select error_message from sales_bronze.sales_events_error_records", r -> r.getString(1)))
                    .hasSameSizeAs(reasons)
                    .allSatisfy(message -> assertThat(reasons).anyMatch(message::startsWith));
        }
    }

    /** Publishes bad input with the real client; returns the start of each expected dead-letter reason. */
    private List<String> publishMalformedMessages() throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forTarget("127.0.0.1:" + grpcPort)
                .usePlaintext()
                .build();
        Publisher publisher = Publisher.newBuilder(TopicName.of("salesflow-local", "sales-events"))
                .setChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build();
        try {
            List<ByteString> bad = List.of(
                    ByteString.copyFromUtf8("this is not json"),
                    ByteString.copyFromUtf8("[1, 2, 3]"),
                    ByteString.copyFromUtf8("{\"event_id\": \"x-1\"}"),
                    ByteString.copyFrom(new byte[] {(byte) 0xC3, (byte) 0x28}),
                    ByteString.copyFromUtf8("{\"event_id\":\"x-2\",\"event_type\":\"SalePlacedEvent\","
                            + "\"aggregate_type\":\"Sale\",\"aggregate_id\":\"s\",\"sequence_number\":\"first\","
                            + "\"occurred_at\":\"2026-01-01T00:00:00Z\",\"payload\":{}}"));
            for (ByteString data : bad) {
                publisher
                        .publish(PubsubMessage.newBuilder().setData(data).build())
                        .get(30, TimeUnit.SECONDS);
            }
            return List.of(
                    "not JSON",
                    "not an event envelope",
                    "field 'payload' is missing",
                    "message data is not UTF-8",
                    "field 'sequence_number' must be an integer");
        } finally {
            publisher.shutdown();
            publisher.awaitTermination(30, TimeUnit.SECONDS);
            channel.shutdownNow();
        }
    }

    private Process start(String... options) throws IOException {
        assertThat(JAR).as("the packaged application (mvn package)").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daxoniq.update-checker.disabled=true",
                "-jar",
                JAR.toString(),
                "--data-dir=" + dataDir,
                "--seed=5",
                "--port=" + port,
                // A small shop: the kills should land among sales and follow-ups, not registrations.
                "--salesflow.generator.customers=300",
                "--salesflow.pubsub.emulator.grpc-port=" + grpcPort,
                "--salesflow.pubsub.emulator.rest-port=" + restPort));
        command.addAll(List.of(options));
        Path log = Files.createTempFile("salesflow-crash-test", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        processes.add(process);
        return process;
    }

    private Optional<JsonNode> status() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // not listening (yet)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
