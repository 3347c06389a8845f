package dev.salesflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.generation.GeneratorRunner;
import dev.salesflow.generation.PipelineBacklog;
import dev.salesflow.generator.SalesSimulation;
import dev.salesflow.generator.SimulationSettings;
import dev.salesflow.projection.replay.WarnOfProjectionsWithNewTables;
import dev.salesflow.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two runs on one data directory: the second resumes the same simulated business where the first
 * stopped, and no table holds anything twice.
 */
class RestartIT {

    static final long SEED = 11;
    static final int SALES_PER_RUN = 60;
    /** A small shop: every registration also travels through bronze. */
    static final SimulationSettings SHOP = new SimulationSettings(SEED, 120, 300, 48);

    @TempDir
    Path dataDir;

    @Test
    void aSecondRunResumesTheSimulationWithNoDuplicateAnywhere() {
        try (ConfigurableApplicationContext first = runUntilDrained(0)) {
            // A first start: its processors' own progress is no reason to ask for a rebuild.
            assertThat(first.getBean(WarnOfProjectionsWithNewTables.class).newTablesBehindAPosition())
                    .isEmpty();
        }
        try (ConfigurableApplicationContext second = runUntilDrained(SALES_PER_RUN)) {
            Warehouse warehouse = second.getBean(Warehouse.class);
            EventStoreQueries eventStore = second.getBean(EventStoreQueries.class);
            List<String> expectedSaleIds = new ArrayList<>();
            // The sales-only stream gives the ids the full simulation gives its sales.
            SalesSimulation simulation = new SalesSimulation(SHOP);
            for (int i = 0; i < 2 * SALES_PER_RUN; i++) {
                PlaceSaleCommand sale = simulation.nextSale(Instant.EPOCH);
                expectedSaleIds.add(sale.saleId());
            }
            // Nothing created twice: the second run skipped what the first had stored.
            assertThat(eventStore.countAggregates("Customer")).isEqualTo(SHOP.customers());
            assertThat(eventStore.countAggregates("Store")).isEqualTo(SHOP.stores());
            assertThat(eventStore.countAggregates("Sale")).isEqualTo(2L * SALES_PER_RUN);
            assertThat(warehouse.query("select event_id from sales_bronze.sales_events", r -> r.getString(1)))
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(eventStore.eventIds());
            assertThat(warehouse.query("select distinct sale_id from sales_silver.sale_lines", r -> r.getString(1)))
                    .containsExactlyInAnyOrderElementsOf(expectedSaleIds);
            // One current version per customer, however many changes the simulation made.
            assertThat(warehouse.query(
                            "select count(*), count(distinct customer_id) from sales_snapshots.customers_scd2"
                                    + " where is_current",
                            r -> r.getLong(1) + "|" + r.getLong(2)))
                    .containsExactly(SHOP.customers() + "|" + SHOP.customers());
            assertThat(warehouse.query("select sum(sales) from sales_gold.revenue_daily_by_country", r -> r.getLong(1)))
                    .containsExactly((long) 2 * SALES_PER_RUN);
        }
    }

    /**
     * Starts the application and waits until this run's sales reached the mart. The sales stored
     * before are given, not counted: the generator may have sent some by the time the context is
     * returned.
     */
    private ConfigurableApplicationContext runUntilDrained(long salesBefore) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SalesflowApplication.class)
                .run(
                        "--salesflow.data-dir=" + dataDir,
                        "--salesflow.generator.seed=" + SEED,
                        "--salesflow.generator.products=" + SHOP.products(),
                        "--salesflow.generator.customers=" + SHOP.customers(),
                        "--salesflow.generator.stores=" + SHOP.stores(),
                        "--salesflow.generator.count=" + SALES_PER_RUN,
                        "--salesflow.generator.rate=0",
                        "--salesflow.marts.refresh-interval=1s",
                        "--salesflow.pubsub.emulator.grpc-port=" + PipelineEndToEndIT.freePort(),
                        "--salesflow.pubsub.emulator.rest-port=" + PipelineEndToEndIT.freePort(),
                        "--server.port=0");
        GeneratorRunner generator = context.getBean(GeneratorRunner.class);
        EventStoreQueries eventStore = context.getBean(EventStoreQueries.class);
        Warehouse warehouse = context.getBean(Warehouse.class);
        await("this run's sales to reach the mart")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> generator.finished()
                        && warehouse.tableExists("sales_gold", "revenue_daily_by_country")
                        && warehouse.count("sales_bronze.sales_events") == eventStore.countEvents()
                        && warehouse
                                        .query(
                                                "select coalesce(sum(sales), 0) from sales_gold.revenue_daily_by_country",
                                                r -> r.getLong(1))
                                        .get(0)
                                == eventStore.countAggregates("Sale"));
        assertThat(eventStore.countAggregates("Sale")).isEqualTo(salesBefore + SALES_PER_RUN);
        // The registrations sent after the last sale reach the customer histories later.
        PipelineSettled.awaitEveryStageAtTheHead(
                context.getBean(PipelineBacklog.class), warehouse, eventStore, Duration.ofMinutes(2));
        return context;
    }
}
