package dev.salesflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salesflow.events.DomainEvent;
import dev.salesflow.events.customer.CustomerLoyaltyTierChangedEvent;
import dev.salesflow.events.customer.CustomerRegisteredEvent;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.generation.GeneratorRunner;
import dev.salesflow.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The histories in the running application: their processors get every customer and product
 * event (one version each) and the current tier is the one of the latest change in business time.
 */
class Scd2HistoriesIT {

    @TempDir
    Path dataDir;

    @Test
    void everyCustomerAndProductEventIsOneVersionOfItsHistory() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SalesflowApplication.class)
                .run(
                        "--salesflow.data-dir=" + dataDir,
                        "--salesflow.generator.seed=5",
                        "--salesflow.generator.products=30",
                        "--salesflow.generator.customers=150",
                        "--salesflow.generator.stores=6",
                        "--salesflow.generator.count=300",
                        "--salesflow.generator.rate=0",
                        "--salesflow.marts.refresh-interval=1s",
                        "--salesflow.marts.test-interval=1s",
                        "--salesflow.pubsub.emulator.grpc-port=" + PipelineEndToEndIT.freePort(),
                        "--salesflow.pubsub.emulator.rest-port=" + PipelineEndToEndIT.freePort(),
                        "--server.port=0")) {
            GeneratorRunner generator = context.getBean(GeneratorRunner.class);
            EventStoreQueries queries = context.getBean(EventStoreQueries.class);
            EventStore eventStore = context.getBean(EventStore.class);
            Warehouse warehouse = context.getBean(Warehouse.class);
            await("the generator").atMost(Duration.ofMinutes(3)).until(generator::finished);
            Map<String, Long> customerEvents =
                    eventsPerAggregate(eventStore, queries.aggregateIds(List.of("Customer")));
            Map<String, Long> productEvents = eventsPerAggregate(eventStore, queries.aggregateIds(List.of("Product")));
            long customerTotal =
                    customerEvents.values().stream().mapToLong(Long::longValue).sum();
            long productTotal =
                    productEvents.values().stream().mapToLong(Long::longValue).sum();
            assertThat(customerTotal).as("the simulation changes some tiers").isGreaterThan(150);

            await("the histories")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> warehouse.tableExists("sales_snapshots", "products_scd2")
                            && warehouse.count("sales_snapshots.customers_scd2") == customerTotal
                            && warehouse.count("sales_snapshots.products_scd2") == productTotal);

            assertThat(warehouse.query(
                            "select customer_id, count(*) from sales_snapshots.customers_scd2"
                                    + " group by customer_id",
                            r -> Map.entry(r.getString(1), r.getLong(2))))
                    .containsExactlyInAnyOrderElementsOf(customerEvents.entrySet());
            Map<String, String> currentTier = new HashMap<>();
            for (String customer : customerEvents.keySet()) {
                currentTier.put(customer, latestTier(eventStore, customer));
            }
            assertThat(warehouse.query(
                            "select customer_id, loyalty_tier from sales_snapshots.customers_scd2"
                                    + " where is_current",
                            r -> Map.entry(r.getString(1), r.getString(2))))
                    .containsExactlyInAnyOrderElementsOf(currentTier.entrySet());
            // The data tests on these histories ran and passed. A run records each test as it
            // finishes and itself at its end: wait for a finished run that tested all five.
            String historyTests = " from sales_ops.gold_test_results t where (t.test like '%scd2_history_is_contiguous'"
                    + " or t.test like 'sale_lines_match_one_%' or t.test = 'snapshots_scd_id_is_unique')";
            await("a finished mart run on the histories")
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> warehouse
                                    .query(
                                            "select count(*) from sales_ops.gold_runs r where (select count(distinct"
                                                    + " t.test)" + historyTests + " and t.run_id = r.run_id) = 5",
                                            r -> r.getLong(1))
                                    .get(0)
                            > 0);
            assertThat(warehouse.query("select distinct test || ':' || status" + historyTests, r -> r.getString(1)))
                    .containsExactlyInAnyOrder(
                            "customers_scd2_history_is_contiguous:PASS",
                            "products_scd2_history_is_contiguous:PASS",
                            "snapshots_scd_id_is_unique:PASS",
                            "sale_lines_match_one_customer_version:PASS",
                            "sale_lines_match_one_product_version:PASS");
            // The marts' own point-in-time tests ran in that run and pass on these histories too.
            assertThat(warehouse.query(
                            "select count(distinct test) from sales_ops.gold_test_results where test like '%at_sale%'"
                                    + " or test like '%at_purchase%'",
                            r -> r.getLong(1)))
                    .singleElement()
                    .isNotEqualTo(0L);
            assertThat(warehouse.query(
                            "select distinct test || ':' || status from sales_ops.gold_test_results"
                                    + " where status <> 'PASS' and (test like '%at_purchase%' or test like '%at_sale%'"
                                    + " or test like '%point_in_time%')",
                            r -> r.getString(1)))
                    .as("marts' tests; every non-passing test and model of the runs: %s", notPassing(warehouse))
                    .isEmpty();
        }
    }

    /** What did not pass in the gold runs, with its error: says why a mart's tests were skipped. */
    private static List<String> notPassing(Warehouse warehouse) {
        List<String> found = new ArrayList<>(warehouse.query(
                "select 'test ' || test || ' ' || status || ' run ' || run_id || ': ' || coalesce(error, '')"
                        + " from sales_ops.gold_test_results where status not in ('PASS', 'SKIPPED')",
                r -> r.getString(1)));
        found.addAll(warehouse.query(
                "select 'model ' || model || ' ' || status || ' run ' || run_id || ': ' || coalesce(error, '')"
                        + " from sales_ops.gold_model_runs where status <> 'SUCCESS'",
                r -> r.getString(1)));
        return found;
    }

    private static Map<String, Long> eventsPerAggregate(EventStore eventStore, Set<String> ids) {
        Map<String, Long> counts = new HashMap<>();
        for (String id : ids) {
            counts.put(id, eventStore.readEvents(id).asStream().count());
        }
        return counts;
    }

    /** The tier set by the customer's last tier-setting event in business time (ties: sequence). */
    private static String latestTier(EventStore eventStore, String customerId) {
        return eventStore
                .readEvents(customerId)
                .asStream()
                .filter(e -> e.getPayload() instanceof CustomerRegisteredEvent
                        || e.getPayload() instanceof CustomerLoyaltyTierChangedEvent)
                .max(Comparator.<DomainEventMessage<?>, java.time.Instant>comparing(
                                e -> ((DomainEvent) e.getPayload()).occurredAt())
                        .thenComparingLong(DomainEventMessage::getSequenceNumber))
                .map(e -> e.getPayload() instanceof CustomerRegisteredEvent registered
                        ? registered.loyaltyTier().name()
                        : ((CustomerLoyaltyTierChangedEvent) e.getPayload())
                                .loyaltyTier()
                                .name())
                .orElseThrow();
    }
}
