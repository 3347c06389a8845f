package dev.salesflow.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.eventstore.FlushBeforeReadStorageEngine;
import dev.salesflow.generator.SalesSimulation;
import dev.salesflow.projection.replay.ProjectionProcessors;
import dev.salesflow.projection.replay.ReplayResult;
import dev.salesflow.projection.replay.ReplayService;
import dev.salesflow.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Maintenance mode, as the command line runs a replay when no application is up: no tracking
 * processor starts (even one configured in properties), the replay builds the tables and leaves
 * the processors' tokens at its position, so the next normal start continues from there.
 */
class MaintenanceReplayTest {

    @TempDir
    Path dataDir;

    @Test
    void aReplayInMaintenanceModeLeavesTheTokensAtItsPosition() {
        List<String> arguments = new ArrayList<>(List.of(
                "--salesflow.data-dir=" + dataDir,
                "--spring.main.web-application-type=none",
                "--spring.cloud.gcp.pubsub.enabled=false",
                "--" + ProjectionProcessors.MAINTENANCE + "=true",
                "--axon.eventhandling.processors.test-sale-totals.mode=tracking",
                "--axon.eventhandling.processors.test-sale-totals.batch-size=50"));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ProjectionReplayTest.Context.class)
                .run(arguments.toArray(String[]::new))) {
            CommandGateway commands = context.getBean(CommandGateway.class);
            SalesSimulation simulation = new SalesSimulation(ProjectionReplayTest.SHOP);
            simulation.catalogue(Instant.parse("2026-01-01T00:00:00Z")).forEach(commands::sendAndWait);
            for (int i = 0; i < 40; i++) {
                commands.sendAndWait(simulation.nextSale(
                        Instant.parse("2026-01-02T00:00:00Z").plusSeconds(i)));
            }
            EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
            for (String name : List.of("test-sale-totals", "test-store-status")) {
                assertThat(processing.eventProcessorByProcessingGroup(name).map(EventProcessor::isRunning))
                        .as("%s in maintenance mode", name)
                        .contains(false);
            }
            Warehouse warehouse = context.getBean(Warehouse.class);
            assertThat(warehouse.count("replay_test.sale_totals")).isZero();

            ReplayResult result = context.getBean(ReplayService.class).run(ReplayService.ALL, line -> {});

            assertThat(warehouse.count("replay_test.sale_totals")).isEqualTo(40);
            long head = ((FlushBeforeReadStorageEngine) context.getBean(EventStorageEngine.class)).headIndex();
            assertThat(result.position()).isEqualTo(head);
            TokenStore tokens = context.getBean(TokenStore.class);
            Long stored = context.getBean(TransactionManager.class).fetchInTransaction(() -> {
                long position =
                        tokens.fetchToken("test-sale-totals", 0).position().orElse(-1);
                tokens.releaseClaim("test-sale-totals", 0);
                return position;
            });
            assertThat(stored).isEqualTo(head);
            assertThat(processing
                            .eventProcessorByProcessingGroup("test-sale-totals")
                            .map(EventProcessor::isRunning))
                    .as("still not running after the replay")
                    .contains(false);
        }
    }
}
