package dev.salesflow.app.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.bronze.duckdb.BronzeTables;
import dev.salesflow.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay's port answered from bronze's DuckDB tables: only landed events count, never dead letters. */
class BronzeLandedEventsTest {

    @TempDir
    Path dir;

    @Test
    void aDeadLetterOrAnUnknownIdIsNotALandedEvent() {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("warehouse.duckdb"))) {
            BronzeLandedEvents landed = new BronzeLandedEvents(warehouse);
            assertThat(landed.landedOf(List.of("e-1"))).isEmpty();

            warehouse.execute("insert into " + BronzeTables.EVENTS + " (event_id, event_type, aggregate_type,"
                    + " aggregate_id, sequence_number, occurred_at, payload, raw_message, ingested_at) values"
                    + " ('e-1', 'SalePlacedEvent', 'Sale', 's-1', 0, now(), '{}', '{}', now())");
            // A dead letter whose message id happens to be an event id, as a malformed copy of e-2 might be.
            warehouse.execute("insert into " + BronzeTables.ERROR_RECORDS + " (dead_letter_key, pubsub_message_id,"
                    + " failed_at, error_message) values ('k-1', 'e-2', now(), 'unknown event type')");

            assertThat(landed.landedOf(List.of("e-1", "e-2", "it's-3"))).containsExactly("e-1");
            assertThat(landed.landedOf(List.of())).isEmpty();
        }
    }
}
