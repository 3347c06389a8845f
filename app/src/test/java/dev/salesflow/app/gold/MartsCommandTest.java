package dev.salesflow.app.gold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.projections.SilverProjections;
import dev.salesflow.scd2.customer.CustomersScd2Projection;
import dev.salesflow.scd2.product.ProductsScd2Projection;
import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.table.DuckDbTableStore;
import dev.salesflow.warehouse.table.TableSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code marts} on a stopped data directory: the command opens the DuckDB file itself. */
class MartsCommandTest {

    @TempDir
    Path dataDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int marts(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dataDir.toString(), "--port", Integer.toString(freePort())));
        return new CommandLine(new MartsCommand())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(all.toArray(String[]::new));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void graphNeedsNoWarehouse() throws IOException {
        assertThat(marts("graph", "--mermaid")).isZero();
        assertThat(out.toString())
                .startsWith("flowchart LR")
                .contains(
                        "fct_sale_lines --> mart_sales_cube_daily",
                        "mart_sales_cube_daily --> mart_sales_by_country_daily",
                        "sales_silver_sale_lines([sales_silver.sale_lines]) --> fct_sale_lines");
    }

    @Test
    void unknownModelsAndMissingWarehousesAreClearErrors() throws IOException {
        assertThat(marts("run", "--select", "nope+")).isEqualTo(2);
        assertThat(err.toString()).contains("No gold model named 'nope'");
        assertThat(marts("run")).isEqualTo(2);
        assertThat(err.toString()).contains("no warehouse at", "start salesflow");
    }

    @Test
    void runsTheSelectionOnAStoppedDataDirectoryAndLogsIt() throws IOException {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dataDir.resolve("warehouse/analytics.duckdb"))) {
            List<TableSpec> tables = new ArrayList<>();
            SilverProjections.all("EUR").forEach(p -> tables.addAll(p.tables()));
            tables.addAll(new CustomersScd2Projection().tables());
            tables.addAll(new ProductsScd2Projection().tables());
            for (TableSpec table : tables) {
                warehouse.execute("create schema if not exists " + table.schema());
                warehouse.execute(DuckDbTableStore.ddl(table));
            }
        }

        // No bronze table: fct_refunds fails (after its retries); the rest of the selection builds, and
        // tests needing models outside the selection (dim_date, ...) are skipped, not failed.
        int exit = marts("run", "--select", "+mart_sales_by_store,fct_refunds");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .contains(
                        "No application on port",
                        "dim_store SUCCESS",
                        "fct_sale_lines SUCCESS",
                        "mart_sales_by_store SUCCESS",
                        "fct_refunds ERROR",
                        "fct_refunds ERROR: fct_refunds:")
                .doesNotContain("dim_channel SUCCESS");
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dataDir.resolve("warehouse/analytics.duckdb"))) {
            assertThat(warehouse.query(
                            "select status || ': ' || error from sales_ops.gold_test_results where test ="
                                    + " 'relationships_fct_sale_lines_sale_date__dim_date_date_day'",
                            r -> r.getString(1)))
                    .singleElement()
                    .asString()
                    .startsWith("SKIPPED: needs model dim_date");
        }
        assertThat(marts("runs", "--last", "1")).isZero();
        assertThat(out.toString()).contains("command:run FAILED");
    }
}
