package dev.salesflow.projections.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.events.store.StoreClosedEvent;
import dev.salesflow.events.store.StoreKind;
import dev.salesflow.events.store.StoreOpenedEvent;
import dev.salesflow.projections.SilverHarness;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code silver-stores}: opened stores, then closed ones. */
class StoresProjectionTest {

    @TempDir
    Path dir;

    static Timestamp at(String instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void aStoreIsOpenUntilItCloses() {
        try (SilverHarness silver = new SilverHarness(new StoresProjection(), dir.resolve("w.duckdb"))) {
            silver.handle(
                    silver.event(
                            "Store",
                            "st-1",
                            new StoreOpenedEvent(
                                    "st-1",
                                    "Berlin Mitte",
                                    "DE",
                                    "Berlin",
                                    StoreKind.PHYSICAL,
                                    "EUR",
                                    Instant.parse("2026-01-01T08:00:00Z"))),
                    silver.event(
                            "Store",
                            "st-2",
                            new StoreOpenedEvent(
                                    "st-2",
                                    "Web UK",
                                    "GB",
                                    "London",
                                    StoreKind.ONLINE,
                                    "GBP",
                                    Instant.parse("2026-01-02T08:00:00Z"))));
            silver.handle(
                    silver.event("Store", "st-1", new StoreClosedEvent("st-1", Instant.parse("2026-03-01T18:00:00Z"))));

            assertThat(silver.rows(StoresProjection.STORES))
                    .satisfiesExactly(
                            closed -> assertThat(closed)
                                    .containsEntry("store_id", "st-1")
                                    .containsEntry("status", "CLOSED")
                                    .containsEntry("kind", "PHYSICAL")
                                    .containsEntry("country", "DE")
                                    .containsEntry("opened_at", at("2026-01-01T08:00:00Z"))
                                    .containsEntry("closed_at", at("2026-03-01T18:00:00Z"))
                                    .containsEntry("updated_at", at("2026-03-01T18:00:00Z"))
                                    .containsEntry("last_sequence_number", 1L),
                            open -> assertThat(open)
                                    .containsEntry("store_id", "st-2")
                                    .containsEntry("status", "OPEN")
                                    .containsEntry("currency", "GBP")
                                    .containsEntry("closed_at", null)
                                    .containsEntry("updated_at", at("2026-01-02T08:00:00Z")));
        }
    }
}
