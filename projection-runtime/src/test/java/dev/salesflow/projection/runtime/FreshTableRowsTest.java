package dev.salesflow.projection.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.table.DuckDbTableStore;
import dev.salesflow.warehouse.table.TableSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows over fresh tables (a replay's shadows): misses are not looked up until something was forgotten. */
class FreshTableRowsTest {

    static final TableSpec STATUS = ProjectionEventHandlerTest.STATUS;

    @TempDir
    Path dir;

    @Test
    void aMissIsEmptyUntilRowsWereForgottenThenTheStoreIsAskedAgain() {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
                DuckDbTableStore store = new DuckDbTableStore(warehouse)) {
            store.create(STATUS.shadow());
            ProjectionRows rows = ProjectionRows.ofFreshTables(store, List.of(STATUS), true, 10);
            rows.put(STATUS, "s-1", List.<Object[]>of(STATUS.row("s-1", "OPEN", 0L)));
            rows.flush();
            // Written behind its back (nothing does this to a replay's shadow): a fresh-table miss does not read it.
            warehouse.execute("insert into t.store_status__rebuild values ('s-2', 'OPEN', 0)");
            assertThat(rows.of(STATUS, "s-2")).isEmpty();

            rows.discard();
            assertThat(rows.of(STATUS, "s-1"))
                    .as("forgotten, so read from the store")
                    .hasSize(1);
        }
    }

    @Test
    void afterAnEvictionMissesAreReadFromTheStore() {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
                DuckDbTableStore store = new DuckDbTableStore(warehouse)) {
            store.create(STATUS.shadow());
            ProjectionRows rows = ProjectionRows.ofFreshTables(store, List.of(STATUS), true, 2);
            for (int i = 0; i < 5; i++) {
                rows.put(STATUS, "s-" + i, List.<Object[]>of(STATUS.row("s-" + i, "OPEN", 0L)));
            }
            rows.flush(); // keeps 2 of 5 in memory
            for (int i = 0; i < 5; i++) {
                assertThat(rows.of(STATUS, "s-" + i)).as("s-%d", i).hasSize(1);
            }
        }
    }

    @Test
    void aggregatesWrittenBeforeAreReplacedNewOnesOnlyInserted() {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
                DuckDbTableStore store = new DuckDbTableStore(warehouse)) {
            store.create(STATUS.shadow());
            ProjectionRows rows = ProjectionRows.ofFreshTables(store, List.of(STATUS), true, 10);
            rows.put(STATUS, "s-1", List.<Object[]>of(STATUS.row("s-1", "OPEN", 0L)));
            rows.put(STATUS, "s-2", List.<Object[]>of(STATUS.row("s-2", "OPEN", 0L)));
            rows.flush();
            rows.put(STATUS, "s-1", List.<Object[]>of(STATUS.row("s-1", "CLOSED", 1L)));
            rows.put(STATUS, "s-3", List.<Object[]>of(STATUS.row("s-3", "OPEN", 0L)));
            rows.put(STATUS, "s-4", List.of());
            rows.flush();

            assertThat(store.duplicateKeys(STATUS.shadow())).isZero();
            assertThat(warehouse.query(
                            "select store_id || ' ' || status from t.store_status__rebuild order by store_id",
                            r -> r.getString(1)))
                    .containsExactly("s-1 CLOSED", "s-2 OPEN", "s-3 OPEN");
        }
    }
}
