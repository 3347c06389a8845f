package dev.salesflow.app;

import dev.salesflow.generation.GeneratorSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Every setting of the application; the defaults run everything embedded under {@code ./data}. */
@ConfigurationProperties("salesflow")
public record SalesflowProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue GeneratorSettings generator,
        @DefaultValue PubSub pubsub,
        @DefaultValue Bronze bronze,
        @DefaultValue Marts marts,
        @DefaultValue Progress progress) {

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
            @DefaultValue("8086") int restPort) {
    }

    /** The bronze Beam job run in-process on the DirectRunner. */
    public record Bronze(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("2") int parallelism) {
    }

    public record Marts(@DefaultValue("5s") Duration refreshInterval) {
    }

    public record Progress(@DefaultValue("2s") Duration interval) {
    }

    public Path warehouseFile() {
        return dataDir.resolve("warehouse").resolve("analytics.duckdb");
    }
}
