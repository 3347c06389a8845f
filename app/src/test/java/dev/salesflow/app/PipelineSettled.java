package dev.salesflow.app;

import static org.awaitility.Awaitility.await;

import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.generation.PipelineBacklog;
import dev.salesflow.warehouse.Warehouse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Waits an integration test needs before it compares layers: every stage holds every stored event,
 * then a whole gold run started after that. A mart or a silver table being right is not enough on
 * its own: the registrations a generator sends after its last sale move the customer histories (and
 * with them the tier, segment and VIP marts) later, and a gold run writes its models and test
 * results one by one.
 */
final class PipelineSettled {

    private PipelineSettled() {}

    /**
     * Until every tracking processor (relay, silver, SCD2) is at the store's head and bronze holds
     * every stored event (the generator, if any, having finished); returns when that was seen.
     */
    static Instant awaitEveryStageAtTheHead(
            PipelineBacklog backlog, Warehouse warehouse, EventStoreQueries eventStore, Duration atMost) {
        await("every stage to hold every stored event")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    PipelineBacklog.Backlog now = backlog.current();
                    return now.measured()
                            && now.eventsBehind() == 0
                            && warehouse.tableExists("sales_bronze", "sales_events")
                            && warehouse.count("sales_bronze.sales_events") == eventStore.countEvents();
                });
        return Instant.now();
    }

    /** Until a whole gold run (every model, its tests) that started after {@code settled} has finished. */
    static void awaitWholeGoldRunAfter(Warehouse warehouse, Instant settled, Duration atMost) {
        String after =
                LocalDateTime.ofInstant(settled, ZoneOffset.UTC).toString().replace('T', ' ');
        await("a whole gold run after every stage held every event")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> warehouse.tableExists("sales_ops", "gold_runs")
                        && warehouse
                                        .query(
                                                "select count(*) from sales_ops.gold_runs where build and selection = ''"
                                                        + " and started_at > timestamp '" + after + "'",
                                                r -> r.getLong(1))
                                        .get(0)
                                > 0);
    }
}
