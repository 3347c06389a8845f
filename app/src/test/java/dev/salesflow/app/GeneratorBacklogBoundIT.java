package dev.salesflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesflow.app.progress.ProgressReporter;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.generation.GeneratorRunner;
import dev.salesflow.generation.PipelineBacklog;
import dev.salesflow.warehouse.Warehouse;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole embedded application with a generator that sends as fast as it can and a backlog bound
 * of a few dozen events: the generator is held back while the relay, bronze or a projection is
 * further behind, {@code /api/status} and the progress line say so with the stage, and every event
 * still arrives; once the pipeline drained, the real stages read nothing behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class GeneratorBacklogBoundIT {

    static final long BOUND = 50;
    static Path dataDir;

    @Autowired
    GeneratorRunner generator;

    @Autowired
    PipelineBacklog backlog;

    @Autowired
    ProgressReporter progress;

    @Autowired
    EventStoreQueries eventStore;

    @Autowired
    Warehouse warehouse;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        dataDir = Files.createTempDirectory("salesflow-backlog");
        registry.add("salesflow.data-dir", () -> dataDir.toString());
        registry.add("salesflow.generator.seed", () -> 11);
        registry.add("salesflow.generator.customers", () -> 300);
        registry.add("salesflow.generator.count", () -> 500);
        registry.add("salesflow.generator.rate", () -> 0);
        registry.add("salesflow.generator.max-backlog", () -> BOUND);
        int grpcPort = freePort();
        int restPort = freePort();
        registry.add("salesflow.pubsub.emulator.grpc-port", () -> grpcPort);
        registry.add("salesflow.pubsub.emulator.rest-port", () -> restPort);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }

    JsonNode status() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void theGeneratorIsHeldBackVisiblyAndEveryEventStillArrives() {
        AtomicReference<JsonNode> heldStatus = new AtomicReference<>();
        AtomicReference<String> heldLine = new AtomicReference<>();
        // Holds come and go while the generator runs: look at both until each has shown one.
        await("the status and the progress line to show the generator held back")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(25))
                .until(() -> {
                    if (heldStatus.get() == null) {
                        JsonNode status = status();
                        if (status.get("generatorHeldBack").asBoolean()) {
                            heldStatus.set(status);
                        }
                    }
                    if (heldLine.get() == null) {
                        String line = progress.currentLine();
                        if (line.contains("| generator held back: ")) {
                            heldLine.set(line);
                        }
                    }
                    return heldStatus.get() != null && heldLine.get() != null;
                });
        JsonNode status = heldStatus.get();
        assertThat(status.get("generatorMaxBacklog").asLong()).isEqualTo(BOUND);
        assertThat(status.get("slowestStageEventsBehind").asLong()).isGreaterThan(BOUND * 3 / 4);
        String stage = status.get("slowestStage").asText();
        assertThat(stage)
                .isIn(
                        "pubsub-relay",
                        "bronze",
                        "silver-sales",
                        "silver-customers",
                        "silver-products",
                        "silver-stores",
                        "customers-scd2",
                        "products-scd2");
        assertThat(status.get("generatorHeldBackReason").asText())
                .startsWith("generator held back: " + stage + " ")
                .endsWith(" events behind (bound 50)");
        assertThat(status.get("generatorState").asText()).isEqualTo("RUNNING");
        assertThat(heldLine.get())
                .matches(".*\\| generator held back: [a-z0-9-]+( \\([a-z ]+\\))? [0-9,]+ events"
                        + " behind \\(bound 50\\)$");

        await("the generator to finish and bronze to hold every stored event")
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> generator.finished()
                        && warehouse.tableExists("sales_bronze", "sales_events")
                        && warehouse.count("sales_bronze.sales_events") == eventStore.countEvents());
        assertThat(generator.failure()).isNull();
        assertThat(generator.salesSent()).isEqualTo(500);
        assertThat(generator.holdBack().holds()).isPositive();
        assertThat(generator.holdBack().heldTotal()).isPositive();
        // The real stages, read as the generator reads them: once drained, none is behind.
        PipelineSettled.awaitEveryStageAtTheHead(backlog, warehouse, eventStore, Duration.ofMinutes(2));
    }
}
