package dev.salesflow.app.health;

import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.app.bronze.BronzeJob;
import dev.salesflow.app.gold.MartScheduler;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.generation.GeneratorRunner;
import dev.salesflow.gold.ModelRunner;
import dev.salesflow.projection.runtime.ProjectionEventHandler;
import dev.salesflow.projection.runtime.ProjectionLag;
import dev.salesflow.pubsub.emulator.PubSubEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pipeline's parts in {@code /actuator/health}: event store, Pub/Sub emulator, bronze job, each
 * projection (its Axon processor, how many events it is behind the store's head, and the lag of its
 * rows), and the last gold run. Each is its own indicator, so the health groups and the JSON name
 * them (eventStore, pubSubEmulator, bronzeJob, projections, marts).
 */
@Configuration(proxyBeanMethods = false)
public class PipelineHealth {

    @Bean
    HealthIndicator eventStoreHealthIndicator(EventStoreQueries queries) {
        return () -> {
            try {
                return Health.up()
                        .withDetail("events", queries.countEvents())
                        .withDetail("sales", queries.countAggregates("Sale"))
                        .build();
            } catch (RuntimeException e) {
                return Health.down(e).build();
            }
        };
    }

    /** The sales generator: DOWN once it stopped early (a backfill that cannot complete, a live run that stopped). */
    @Bean
    HealthIndicator generatorHealthIndicator(ObjectProvider<GeneratorRunner> generator) {
        return () -> {
            GeneratorRunner runner = generator.getIfAvailable();
            if (runner == null) {
                return Health.unknown().withDetail("state", "OFF").build();
            }
            GeneratorRunner.Failure failure = runner.failure();
            if (failure != null) {
                return Health.down()
                        .withDetail("state", "FAILED")
                        .withDetail("error", failure.describe())
                        .withDetail("salesSent", failure.salesSent())
                        .build();
            }
            return Health.up()
                    .withDetail("state", runner.finished() ? "DONE" : "RUNNING")
                    .withDetail("salesSent", runner.salesSent())
                    .withDetail("refused", runner.rejected())
                    .build();
        };
    }

    /** Only in local mode (the embedded emulator); on Google Cloud Pub/Sub has its own monitoring. */
    @Bean
    HealthIndicator pubSubEmulatorHealthIndicator(
            ObjectProvider<PubSubEmulator> emulator, SalesflowProperties properties) {
        String subscription = properties.pubsub().subscriptionPath();
        return () -> {
            PubSubEmulator running = emulator.getIfAvailable();
            if (running == null) {
                return Health.unknown().withDetail("embedded", false).build();
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("grpc", running.grpcTarget());
            try {
                details.put("backlog", running.backlog(subscription));
            } catch (RuntimeException e) {
                details.put("backlog", "unknown: " + e.getMessage());
            }
            return Health.up().withDetails(details).build();
        };
    }

    @Bean
    HealthIndicator bronzeJobHealthIndicator(ObjectProvider<BronzeJob> bronzeJob) {
        return () -> {
            BronzeJob job = bronzeJob.getIfAvailable();
            if (job == null) {
                return Health.unknown().withDetail("state", "OFF").build();
            }
            String state = job.state();
            Health.Builder health = "RUNNING".equals(state) ? Health.up() : Health.down();
            return health.withDetail("state", state)
                    .withDetails(new LinkedHashMap<>(job.counters()))
                    .build();
        };
    }

    @Bean
    HealthIndicator projectionsHealthIndicator(
            ObjectProvider<ProjectionEventHandler> projections,
            ObjectProvider<EventProcessingConfiguration> processing,
            ObjectProvider<EventStore> eventStore) {
        return () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            boolean failing = false;
            Long head = ProcessorPositions.head(eventStore.getIfAvailable());
            EventProcessingConfiguration configuration = processing.getIfAvailable();
            for (ProjectionEventHandler handler : projections.orderedStream().toList()) {
                Map<String, Object> projection = new LinkedHashMap<>();
                ProjectionLag.Summary lag = handler.lag();
                projection.put("lagP50Millis", lag.p50Millis());
                projection.put("lagP99Millis", lag.p99Millis());
                EventProcessor processor = configuration == null
                        ? null
                        : configuration
                                .eventProcessor(handler.processingGroup())
                                .orElse(null);
                if (processor instanceof StreamingEventProcessor streaming) {
                    projection.put("running", streaming.isRunning());
                    projection.put("error", streaming.isError());
                    failing |= streaming.isError();
                    Long position = ProcessorPositions.lowest(streaming);
                    if (position != null && head != null) {
                        projection.put("position", position);
                        projection.put("eventsBehind", Math.max(0, head - position));
                    }
                }
                details.put(handler.processingGroup(), projection);
            }
            return (failing ? Health.down() : Health.up()).withDetails(details).build();
        };
    }

    @Bean
    HealthIndicator martsHealthIndicator(MartScheduler marts) {
        return () -> {
            ModelRunner.RunResult last = marts.lastRun();
            if (last == null) {
                return Health.unknown().withDetail("lastRun", "none yet").build();
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("lastRunFinishedAt", last.finishedAt().toString());
            details.put(
                    "secondsAgo",
                    Duration.between(last.finishedAt(), Instant.now()).toSeconds());
            details.put("failedModels", last.failedModels());
            details.put("failedTests", last.failedTests());
            // A failed data test is recorded in sales_ops; a model that does not build leaves marts stale.
            return (last.failedModels().isEmpty() ? Health.up() : Health.down())
                    .withDetails(details)
                    .build();
        };
    }
}
