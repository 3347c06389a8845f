package dev.salesflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The first sales reach the dashboard as soon as silver holds them, not one refresh interval later:
 * with the scheduled refresh an hour away, only the first-sales trigger can build the marts here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class FirstSalesOnTheDashboardIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("salesflow-first-sales");
        registry.add("salesflow.data-dir", dataDir::toString);
        registry.add("salesflow.generator.products", () -> 40);
        registry.add("salesflow.generator.customers", () -> 200);
        registry.add("salesflow.generator.stores", () -> 8);
        registry.add("salesflow.generator.count", () -> 5);
        registry.add("salesflow.generator.rate", () -> 5);
        registry.add("salesflow.marts.refresh-interval", () -> "1h");
        int grpcPort = PipelineEndToEndIT.freePort();
        int restPort = PipelineEndToEndIT.freePort();
        registry.add("salesflow.pubsub.emulator.grpc-port", () -> grpcPort);
        registry.add("salesflow.pubsub.emulator.rest-port", () -> restPort);
    }

    @Test
    void theFirstSaleIsOnTheDashboardWithoutWaitingForTheScheduledRefresh() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode kpis = await("the dashboard's KPIs to count a sale")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> read(http, "/api/dashboard/kpis"),
                        k -> k.at("/current/sales").asLong() > 0);
        assertThat(kpis.get("source").asText()).startsWith("sales_gold.");
        // The run is logged as it ends, a moment after its models are visible.
        await("the run log to name the first-sales run")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> read(http, "/api/marts/runs?last=5").toString(), runs -> runs.contains("first sales"));
    }

    private JsonNode read(HttpClient http, String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
