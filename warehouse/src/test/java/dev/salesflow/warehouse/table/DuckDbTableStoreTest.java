package dev.salesflow.warehouse.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.WarehouseException;
import dev.salesflow.warehouse.table.TableStore.AggregateRows;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbTableStoreTest {

    static final TableSpec LINES = new TableSpec(
            "s",
            "lines",
            List.of(
                    Column.required("sale_id", ColumnType.STRING),
                    Column.required("line_number", ColumnType.INT64),
                    Column.money("amount", false),
                    Column.decimal("rate", 6, true),
                    Column.required("placed_at", ColumnType.TIMESTAMP),
                    Column.optional("day", ColumnType.DATE),
                    Column.required("cancelled", ColumnType.BOOL)),
            List.of("sale_id", "line_number"),
            "sale_id");

    @TempDir
    Path dir;

    @Test
    void rowsReadBackEqualTheRowsWritten() {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
                DuckDbTableStore store = new DuckDbTableStore(warehouse)) {
            assertThat(store.create(LINES)).isTrue();
            assertThat(store.create(LINES)).isFalse();
            Object[] row = LINES.row(
                    "s-1",
                    1,
                    new BigDecimal("12.5"),
                    null,
                    Instant.parse("2026-11-01T10:15:30.123Z"),
                    LocalDate.parse("2026-11-01"),
                    false);
            store.replace(Map.of(LINES, new AggregateRows(List.of("s-1"), rows(row))));

            List<Object[]> read = store.rowsOf(LINES, "s-1");
            assertThat(read).hasSize(1);
            assertThat(read.get(0)).containsExactly(row);
            assertThat(read.get(0)[2]).isEqualTo(new BigDecimal("12.50"));
            assertThat(store.rowsOf(LINES, "s-2")).isEmpty();
        }
    }

    @Test
    void replacingAnAggregateTwiceInOneTransactionKeepsOnlyItsNewRows() {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
                DuckDbTableStore store = new DuckDbTableStore(warehouse)) {
            store.create(LINES);
            store.replace(Map.of(
                    LINES,
                    new AggregateRows(
                            List.of("s-1", "s-2"),
                            rows(line("s-1", 1, "10"), line("s-1", 2, "20"), line("s-2", 1, "5")))));
            store.replace(Map.of(LINES, new AggregateRows(List.of("s-1"), rows(line("s-1", 1, "7")))));
            store.replace(Map.of(LINES, new AggregateRows(List.of("s-1"), rows(line("s-1", 1, "7")))));

            assertThat(warehouse.query(
                            "select sale_id, line_number, amount from s.lines order by 1, 2",
                            rows -> rows.getString(1) + "/" + rows.getLong(2) + "=" + rows.getBigDecimal(3)))
                    .containsExactly("s-1/1=7.00", "s-2/1=5.00");
            store.replace(Map.of(LINES, new AggregateRows(List.of("s-2"), rows())));
            assertThat(warehouse.count("s.lines")).isEqualTo(1);
        }
    }

    @Test
    void equalTablesHaveEqualChecksumsWhateverTheOrderOfWrites() {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
                DuckDbTableStore store = new DuckDbTableStore(warehouse)) {
            TableSpec other = new TableSpec("s", "other", LINES.columns(), LINES.key(), LINES.aggregateColumn());
            store.create(LINES);
            store.create(other);
            store.replace(Map.of(
                    LINES, new AggregateRows(List.of("a", "b"), rows(line("a", 1, "1"), line("b", 1, "2")))));
            store.replace(Map.of(other, new AggregateRows(List.of("b"), rows(line("b", 1, "2")))));
            store.replace(Map.of(other, new AggregateRows(List.of("a"), rows(line("a", 1, "1")))));

            assertThat(store.checksum(other).hash())
                    .isEqualTo(store.checksum(LINES).hash());
            assertThat(store.checksum(other).rows()).isEqualTo(2);
            store.replace(Map.of(other, new AggregateRows(List.of("a"), rows(line("a", 1, "1.01")))));
            assertThat(store.checksum(other).hash())
                    .isNotEqualTo(store.checksum(LINES).hash());
        }
    }

    @Test
    void switchingOverReplacesTheLiveTableByItsShadow() {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
                DuckDbTableStore store = new DuckDbTableStore(warehouse)) {
            store.create(LINES);
            store.replace(Map.of(LINES, new AggregateRows(List.of("old"), rows(line("old", 1, "1")))));
            store.create(LINES.shadow());
            store.replace(Map.of(LINES.shadow(), new AggregateRows(List.of("new"), rows(line("new", 1, "2")))));

            store.switchOver(List.of(LINES));

            assertThat(warehouse.query("select sale_id from s.lines", rows -> rows.getString(1)))
                    .containsExactly("new");
            assertThat(warehouse.tableExists("s", "lines" + TableSpec.SHADOW_SUFFIX))
                    .isFalse();
            store.replace(Map.of(LINES, new AggregateRows(List.of("new"), rows(line("new", 1, "3")))));
            assertThat(store.rowsOf(LINES, "new").get(0)[2]).isEqualTo(new BigDecimal("3.00"));
        }
    }

    @Test
    void aTableOfAnotherShapeIsBuiltAgain() {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
                DuckDbTableStore store = new DuckDbTableStore(warehouse)) {
            warehouse.execute("create schema s");
            warehouse.execute("create table s.lines (sale_id varchar, amount decimal(18,2))");
            warehouse.execute("insert into s.lines values ('x', 1)");
            assertThat(store.create(LINES)).isTrue();
            assertThat(warehouse.count("s.lines")).isZero();
        }
    }

    @Test
    void aNullInARequiredColumnIsRefusedWithItsName() {
        assertThatThrownBy(() -> LINES.row("s-1", 1, null, null, Instant.EPOCH, null, false))
                .hasMessageContaining("amount");
    }

    @Test
    void aWriteThatFailsChangesNothing() {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
                DuckDbTableStore store = new DuckDbTableStore(warehouse)) {
            store.create(LINES);
            store.replace(Map.of(LINES, new AggregateRows(List.of("a"), rows(line("a", 1, "1")))));
            TableSpec missing = new TableSpec("s", "missing", LINES.columns(), LINES.key(), LINES.aggregateColumn());
            Map<TableSpec, AggregateRows> changes = new java.util.LinkedHashMap<>();
            changes.put(LINES, new AggregateRows(List.of("a"), rows(line("a", 1, "99"))));
            changes.put(missing, new AggregateRows(List.of("a"), rows(line("a", 1, "1"))));
            assertThatThrownBy(() -> store.replace(changes)).isInstanceOf(WarehouseException.class);
            assertThat(store.rowsOf(LINES, "a").get(0)[2]).isEqualTo(new BigDecimal("1.00"));
        }
    }

    private static List<Object[]> rows(Object[]... rows) {
        return List.of(rows);
    }

    private static Object[] line(String sale, int number, String amount) {
        return LINES.row(
                sale,
                number,
                new BigDecimal(amount),
                new BigDecimal("1.1"),
                Instant.parse("2026-11-01T00:00:00Z"),
                null,
                false);
    }
}
