package dev.salesflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesflow.warehouse.DuckDbWarehouse;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the packaged application (SIGKILL) while sales flow, starts it again on the same data
 * directory, and checks that every stored event reaches bronze exactly once.
 */
class CrashRecoveryIT {

    static final Path JAR = Path.of(System.getProperty("salesflow.jar", "target/salesflow.jar"));
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aKilledRunLosesAndDuplicatesNothingAfterRestart() throws Exception {
        int port = PipelineEndToEndIT.freePort();
        Process first = start(port, "--rate=300", "--count=3000");
        await("sales to be flowing").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(port).map(s -> s.get("salesGenerated").asLong() > 300).orElse(false));
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        Process second = start(port, "--count=0");
        await("bronze to hold every stored event").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> status(port).map(s -> s.get("eventsStored").asLong() > 0
                        && s.get("bronzeRows").asLong() == s.get("eventsStored").asLong()).orElse(false));
        JsonNode last = status(port).orElseThrow();
        second.destroy();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("a clean stop on SIGTERM").isTrue();

        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dataDir.resolve("warehouse/analytics.duckdb"))) {
            assertThat(warehouse.count("sales_bronze.sales_events")).isEqualTo(last.get("eventsStored").asLong());
            assertThat(warehouse.query("select count(distinct event_id) = count(*) from sales_bronze.sales_events",
                    r -> r.getBoolean(1))).containsExactly(true);
            assertThat(warehouse.count("sales_bronze.sales_events_error_records")).isZero();
        }
    }

    private Process start(int port, String... options) throws IOException {
        assertThat(JAR).as("the packaged application (mvn package)").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daxoniq.update-checker.disabled=true", "-jar", JAR.toString(),
                "--data-dir=" + dataDir, "--seed=5", "--port=" + port,
                "--salesflow.pubsub.emulator.grpc-port=" + PipelineEndToEndIT.freePort(),
                "--salesflow.pubsub.emulator.rest-port=" + PipelineEndToEndIT.freePort()));
        command.addAll(List.of(options));
        Path log = Files.createTempFile("salesflow-crash-test", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    private Optional<JsonNode> status(int port) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/status")).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
