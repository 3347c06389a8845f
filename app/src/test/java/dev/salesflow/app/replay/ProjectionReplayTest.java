package dev.salesflow.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.app.silver.ProjectionWiring;
import dev.salesflow.domain.api.sale.CancelSaleCommand;
import dev.salesflow.domain.api.sale.FulfilSaleCommand;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.infra.DomainConfiguration;
import dev.salesflow.domain.infra.parties.SalePartiesConfiguration;
import dev.salesflow.domain.infra.parties.SalePartiesProjection;
import dev.salesflow.eventstore.EventStorageConfiguration;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.eventstore.FlushBeforeReadStorageEngine;
import dev.salesflow.generator.SalesSimulation;
import dev.salesflow.generator.SimulationSettings;
import dev.salesflow.projection.replay.AxonLiveProcessors;
import dev.salesflow.projection.replay.ProjectionProcessors;
import dev.salesflow.projection.replay.ProjectionReplay;
import dev.salesflow.projection.replay.ReplayEventSource;
import dev.salesflow.projection.replay.ReplayFailedException;
import dev.salesflow.projection.replay.ReplayResult;
import dev.salesflow.projection.replay.ReplayService;
import dev.salesflow.projection.replay.ReplayStatus;
import dev.salesflow.projection.replay.StorageEngineEventSource;
import dev.salesflow.projection.runtime.Projection;
import dev.salesflow.projection.runtime.ProjectionEventHandler;
import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.Warehouse;
import dev.salesflow.warehouse.table.DuckDbTableStore;
import dev.salesflow.warehouse.table.TableSpec;
import dev.salesflow.warehouse.table.TableStore.TableChecksum;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Replays against a real H2 event store filled through the real command side, with two small
 * projections that Axon also runs live as tracking processors.
 */
class ProjectionReplayTest {

    static final SimulationSettings SHOP = new SimulationSettings(7, 20, 60, 6);
    static final List<TableSpec> TABLES =
            List.of(ReplayTestProjections.STORE_STATUS, ReplayTestProjections.SALE_TOTALS);

    @TempDir
    Path dataDir;

    ConfigurableApplicationContext context;
    CommandGateway commands;
    SalesSimulation simulation;
    ReplayService replays;
    Warehouse warehouse;
    int salesPlaced;

    @BeforeEach
    void start() {
        context = new SpringApplicationBuilder(Context.class)
                .run(
                        "--salesflow.data-dir=" + dataDir,
                        "--spring.main.web-application-type=none",
                        "--spring.cloud.gcp.pubsub.enabled=false",
                        "--salesflow.replay.batch-size=37",
                        "--salesflow.replay.flush-every=100");
        commands = context.getBean(CommandGateway.class);
        replays = context.getBean(ReplayService.class);
        warehouse = context.getBean(Warehouse.class);
        simulation = new SalesSimulation(SHOP);
        for (Object command : simulation.catalogue(Instant.parse("2026-01-01T00:00:00Z"))) {
            commands.sendAndWait(command);
        }
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void rebuildingEqualsTheLiveResultAndRebuildingTwiceGivesIdenticalTables() {
        placeSales(150);
        awaitLiveCaughtUp();
        Map<String, TableChecksum> live = checksums(false);
        assertThat(live.get("replay_test.sale_totals").rows()).isEqualTo(150);

        ReplayResult first = replays.run(ReplayService.ALL, line -> {});
        assertThat(first.projections()).containsExactly("test-sale-totals", "test-store-status");
        assertThat(first.tables())
                .hasSize(2)
                .allSatisfy(table -> assertThat(table.equal())
                        .as("rebuilt %s equals the live one", table.rebuilt().table())
                        .isTrue());
        assertThat(checksums(false)).as("after the switch-over").isEqualTo(live);
        assertThat(warehouse.tableExists("replay_test", "sale_totals__rebuild")).isFalse();

        replays.run(ReplayService.ALL, line -> {});
        assertThat(checksums(false)).as("rebuilt twice").isEqualTo(live);

        // The live processors continue after the replay's position: new events arrive once.
        placeSales(20);
        awaitLiveCaughtUp();
        assertThat(warehouse.count("replay_test.sale_totals")).isEqualTo(170);
        assertThat(replays.run("test-sale-totals", line -> {}).tables().get(0).equal())
                .isTrue();
    }

    @Test
    void eventsAppendedDuringTheReplayAreNotLost() throws Exception {
        placeSales(300);
        awaitLiveCaughtUp();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger sentDuringReplay = new AtomicInteger();
        Thread sender = new Thread(() -> {
            while (sending.get()) {
                placeSales(1);
                sentDuringReplay.incrementAndGet();
            }
        });
        sender.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> sentDuringReplay.get() >= 5);
            replays.start(ReplayService.ALL);
            await().atMost(Duration.ofSeconds(120)).until(() -> replays.status().finished());
            assertThat(replays.status().state())
                    .as(String.valueOf(replays.status().error()))
                    .isEqualTo(ReplayStatus.State.SUCCEEDED);
            int atSwitch = sentDuringReplay.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> sentDuringReplay.get() >= atSwitch + 5);
        } finally {
            sending.set(false);
            sender.join();
        }
        assertThat(sentDuringReplay.get()).isGreaterThan(10);
        awaitLiveCaughtUp();
        long sales = context.getBean(EventStoreQueries.class).countAggregates("Sale");
        assertThat(warehouse.count("replay_test.sale_totals")).isEqualTo(sales).isEqualTo(salesPlaced);
        assertThat(warehouse
                        .query(
                                "select count(*) from replay_test.sale_totals where status = 'PLACED'",
                                r -> r.getLong(1))
                        .get(0))
                .as("every follow-up applied")
                .isLessThan(sales);
        // A fresh rebuild equals what the live processors made of the events around the switch-over.
        assertThat(replays.run(ReplayService.ALL, line -> {}).tables())
                .allSatisfy(table ->
                        assertThat(table.equal()).as(table.rebuilt().table()).isTrue());
    }

    @Test
    void aReplayInterruptedBeforeTheSwitchLeavesTheLiveTablesUntouched() {
        placeSales(120);
        awaitLiveCaughtUp();
        Map<String, TableChecksum> before = checksums(false);
        // Fails after the live processors were stopped, in the final catch-up: the worst moment.
        StorageEngineEventSource real = new StorageEngineEventSource(
                (FlushBeforeReadStorageEngine) context.getBean(EventStorageEngine.class), 25);
        AtomicBoolean caughtUp = new AtomicBoolean();
        ReplayEventSource failing = new ReplayEventSource() {
            @Override
            public List<? extends TrackedEventMessage<?>> nextBatch(TrackingToken token) {
                if (caughtUp.get()) {
                    throw new IllegalStateException("event store connection lost");
                }
                List<? extends TrackedEventMessage<?>> batch = real.nextBatch(token);
                caughtUp.set(batch.isEmpty());
                return batch;
            }

            @Override
            public long headPosition() {
                return real.headPosition();
            }
        };
        List<Projection> projections = replays.projections().values().stream()
                .map(ProjectionEventHandler::projection)
                .toList();
        EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
        AxonLiveProcessors live = new AxonLiveProcessors(
                processing,
                context.getBean(TokenStore.class),
                context.getBean(TransactionManager.class),
                replays.projections());
        try (DuckDbTableStore store = new DuckDbTableStore((DuckDbWarehouse) warehouse)) {
            ProjectionReplay replay =
                    new ProjectionReplay(failing, store, ProjectionReplay.Settings.defaults(), p -> {});
            assertThatThrownBy(() -> replay.run(projections, live))
                    .isInstanceOf(ReplayFailedException.class)
                    .hasMessageContaining("live tables are unchanged")
                    .hasMessageContaining("event store connection lost");
        }
        assertThat(checksums(false)).isEqualTo(before);
        for (TableSpec table : TABLES) {
            assertThat(warehouse.tableExists(table.schema(), table.shadow().name()))
                    .as("shadow dropped")
                    .isFalse();
        }
        for (Projection projection : projections) {
            assertThat(processing
                            .eventProcessorByProcessingGroup(projection.name())
                            .map(EventProcessor::isRunning))
                    .as("live processor %s restarted", projection.name())
                    .contains(true);
        }
        placeSales(10);
        awaitLiveCaughtUp();
        assertThat(warehouse.count("replay_test.sale_totals")).isEqualTo(130);
    }

    /** Places sales and fulfils or cancels some of them, through the real command side. */
    private synchronized void placeSales(int count) {
        for (int i = 0; i < count; i++) {
            PlaceSaleCommand sale =
                    simulation.nextSale(Instant.parse("2026-01-02T00:00:00Z").plusSeconds(salesPlaced));
            commands.sendAndWait(sale);
            salesPlaced++;
            if (salesPlaced % 3 == 0) {
                commands.sendAndWait(
                        new FulfilSaleCommand(sale.saleId(), sale.placedAt().plusSeconds(60)));
            } else if (salesPlaced % 7 == 0) {
                commands.sendAndWait(new CancelSaleCommand(
                        sale.saleId(), "changed mind", sale.placedAt().plusSeconds(30)));
            }
        }
    }

    private void awaitLiveCaughtUp() {
        long head = ((FlushBeforeReadStorageEngine) context.getBean(EventStorageEngine.class)).headIndex();
        EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> replays.projections().keySet().stream()
                        .allMatch(name -> processing
                                .eventProcessorByProcessingGroup(name, StreamingEventProcessor.class)
                                .map(p -> p.processingStatus().values().stream()
                                        .anyMatch(s -> s.getCurrentPosition().orElse(-1) >= head))
                                .orElse(false)));
    }

    private Map<String, TableChecksum> checksums(boolean shadow) {
        try (DuckDbTableStore store = new DuckDbTableStore((DuckDbWarehouse) warehouse)) {
            Map<String, TableChecksum> sums = new java.util.TreeMap<>();
            for (TableSpec table : TABLES) {
                TableSpec target = shadow ? table.shadow() : table;
                sums.put(target.qualifiedName(), store.checksum(target));
            }
            return sums;
        }
    }

    @EnableAutoConfiguration
    @EnableConfigurationProperties(SalesflowProperties.class)
    @Import({
        DomainConfiguration.class,
        EventStorageConfiguration.class,
        SalePartiesConfiguration.class,
        SalePartiesProjection.class,
        EventStoreQueries.class,
        ProjectionProcessors.class,
        ReplayService.class,
        ProjectionWiring.class,
        ReplayTestProjections.class
    })
    public static class Context {}
}
