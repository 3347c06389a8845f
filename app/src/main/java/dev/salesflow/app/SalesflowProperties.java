package dev.salesflow.app;

import dev.salesflow.events.Currencies;
import dev.salesflow.generation.GeneratorSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The application's settings under {@code salesflow.*}, bound once; each stage gets the part it
 * needs as its own record (see the wiring classes). The defaults run everything embedded under
 * {@code ./data}. {@code reportingCurrency}: the ISO code sale amounts are also converted to in
 * silver and gold; changing it needs a replay of silver-sales.
 */
@ConfigurationProperties("salesflow")
public record SalesflowProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue GeneratorSettings generator,
        @DefaultValue PubSub pubsub,
        @DefaultValue Bronze bronze,
        @DefaultValue Marts marts,
        @DefaultValue Progress progress,
        @DefaultValue(Currencies.BASE) String reportingCurrency) {

    public record PubSub(
            @DefaultValue("salesflow-local") String projectId,
            @DefaultValue("sales-events") String topic,
            @DefaultValue("sales-events-bronze") String subscription,
            @DefaultValue("true") boolean createMissing,
            @DefaultValue Emulator emulator) {

        public String subscriptionPath() {
            return "projects/" + projectId + "/subscriptions/" + subscription;
        }
    }

    /** The embedded Pub/Sub emulator: gRPC for the Java client and the bronze job, REST for Beam's PubsubIO. */
    public record Emulator(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("8085") int grpcPort,
            @DefaultValue("8086") int restPort) {}

    /**
     * The bronze Beam job run in-process on the DirectRunner. {@code parallelism} is the runner's
     * thread count: with one thread its driver loop, which polls without blocking, shares that thread
     * with the reader, whose idle pull pacing then stops the loop from spinning; with two the loop
     * kept a second core busy whatever the load (a third of all CPU samples end to end, issue 14).
     */
    public record Bronze(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1") int parallelism) {}

    /**
     * The gold orchestrator's schedule: models every {@code refreshInterval}, their data tests at most
     * every {@code testInterval}. {@code firstSalesTrigger}: until the first run that sees sales,
     * silver is polled every half second and the marts are built as soon as it holds a sale (so the
     * dashboard shows the first sale within seconds of start); off where a poll is a billed query
     * (BigQuery).
     */
    public record Marts(
            @DefaultValue("5s") Duration refreshInterval,
            @DefaultValue("1m") Duration testInterval,
            @DefaultValue("true") boolean firstSalesTrigger) {}

    public record Progress(@DefaultValue("2s") Duration interval) {}

    public Path warehouseFile() {
        return dataDir.resolve("warehouse").resolve("analytics.duckdb");
    }
}
