package dev.salesflow.scd2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.events.customer.CustomerLoyaltyTierChangedEvent;
import dev.salesflow.events.customer.CustomerRegisteredEvent;
import dev.salesflow.events.customer.LoyaltyTier;
import dev.salesflow.projection.runtime.EventContext;
import dev.salesflow.projection.runtime.ProjectionEventHandler;
import dev.salesflow.projection.runtime.ProjectionRows;
import dev.salesflow.scd2.customer.CustomersScd2Projection;
import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.table.DuckDbTableStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events per second through the customers history on a DuckDB file, in batches of 1,000 as the
 * processor runs it. Only on request: {@code mvn -B -o -pl scd2-snapshots test -Dtest=Scd2Throughput
 * -Dscd2.throughput=true}.
 */
@EnabledIfSystemProperty(named = "scd2.throughput", matches = "true")
class Scd2Throughput {

    static final int CUSTOMERS = 20_000;
    static final int CHANGES = 20_000;
    static final int BATCH = 1_000;

    @TempDir
    Path dir;

    @Test
    void customersHistory() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Random random = new Random(1);
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
                DuckDbTableStore store = new DuckDbTableStore(warehouse)) {
            CustomersScd2Projection projection = new CustomersScd2Projection();
            projection.tables().forEach(store::create);
            ProjectionRows rows =
                    new ProjectionRows(store, projection.tables(), false, ProjectionEventHandler.CACHED_AGGREGATES);
            long[] sequence = new long[CUSTOMERS];
            long started = System.nanoTime();
            for (int c = 0; c < CUSTOMERS; c++) {
                String id = "c-" + c;
                projection.handle(
                        new CustomerRegisteredEvent(
                                id, "N", "n@example.com", "DE", "Berlin", "EUR", LoyaltyTier.STANDARD, t0),
                        new EventContext("e", id, 0),
                        rows);
                if ((c + 1) % BATCH == 0) {
                    rows.flush();
                }
            }
            rows.flush();
            long registered = System.nanoTime();
            for (int i = 0; i < CHANGES; i++) {
                int c = random.nextInt(CUSTOMERS);
                String id = "c-" + c;
                // A fifth of the changes are late: dated before the customer's last one.
                Instant at = t0.plus(Duration.ofMinutes(random.nextInt(5) == 0 ? random.nextInt(60) : 60 + i));
                projection.handle(
                        new CustomerLoyaltyTierChangedEvent(id, LoyaltyTier.values()[random.nextInt(4)], at),
                        new EventContext("e", id, ++sequence[c]),
                        rows);
                if ((i + 1) % BATCH == 0) {
                    rows.flush();
                }
            }
            rows.flush();
            long changed = System.nanoTime();
            System.out.printf(
                    "registrations: %d in %.2f s = %.0f events/s; changes: %d in %.2f s = %.0f events/s%n",
                    CUSTOMERS,
                    (registered - started) / 1e9,
                    CUSTOMERS / ((registered - started) / 1e9),
                    CHANGES,
                    (changed - registered) / 1e9,
                    CHANGES / ((changed - registered) / 1e9));
            assertThat(warehouse.count("sales_snapshots.customers_scd2")).isEqualTo(CUSTOMERS + CHANGES);
        }
    }
}
