package dev.salesflow.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesflow.app.cli.RunCommand;
import dev.salesflow.app.dashboard.GoldTestData;
import dev.salesflow.gold.export.PowerBiExport;
import dev.salesflow.warehouse.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Power BI export on a real warehouse file: every gold table reads back from its Parquet file unchanged. */
class PowerBiExportTest {

    @TempDir
    static Path dataDir;

    static Path warehouseFile;

    @BeforeAll
    static void buildGold() throws Exception {
        warehouseFile = dataDir.resolve("warehouse").resolve("analytics.duckdb");
        Files.createDirectories(warehouseFile.getParent());
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(warehouseFile)) {
            GoldTestData.fill(warehouse, 6_000);
            GoldTestData.buildGold(warehouse);
        }
    }

    @Test
    void everyGoldTableReadsBackFromItsParquetFileEqualToTheTable() {
        int exit = RunCommand.execute(new String[] {"export", "powerbi", "--data-dir", dataDir.toString()});
        assertThat(exit).isZero();

        Path out = dataDir.resolve("export").resolve("powerbi");
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(warehouseFile)) {
            List<String> tables = warehouse.query(
                    "select table_name from information_schema.tables"
                            + " where table_schema = 'sales_gold' order by 1",
                    r -> r.getString(1));
            assertThat(tables)
                    .contains(
                            "fct_sale_lines",
                            "fct_refunds",
                            "dim_customer",
                            "dim_product",
                            "dim_store",
                            "dim_date",
                            "dim_channel",
                            "dim_payment_method",
                            "dim_currency",
                            "mart_sales_by_country",
                            "mart_top_vip_customers",
                            "mart_revenue_over_time");
            for (String table : tables) {
                Path file = out.resolve(table + ".parquet");
                assertThat(file).as(table).isRegularFile();
                String parquet = "read_parquet('" + file + "')";
                String gold = "sales_gold.\"" + table + "\"";
                long rows = warehouse.count(gold);
                assertThat(warehouse.query("select count(*) from " + parquet, r -> r.getLong(1)))
                        .as(table)
                        .containsExactly(rows);
                // Same rows both ways, duplicates counted, every column compared.
                assertThat(warehouse.query(
                                "select count(*) from (select * from " + gold + " except all select * from " + parquet
                                        + ")",
                                r -> r.getLong(1)))
                        .as(table)
                        .containsExactly(0L);
                assertThat(warehouse.query(
                                "select count(*) from (select * from " + parquet + " except all select * from " + gold
                                        + ")",
                                r -> r.getLong(1)))
                        .as(table)
                        .containsExactly(0L);
            }
            assertThat(warehouse.count("sales_gold.fct_sale_lines")).isEqualTo(6_000);
        }
    }

    @Test
    void aWarehouseHeldByTheApplicationIsAClearErrorAndNothingIsWritten() {
        Path out = dataDir.resolve("busy-export");
        try (DuckDbWarehouse held = DuckDbWarehouse.open(warehouseFile)) {
            assertThatThrownBy(() -> PowerBiExport.export(warehouseFile, out, line -> {}))
                    .isInstanceOf(PowerBiExport.WarehouseBusyException.class)
                    .hasMessageContaining("stop the running salesflow");
            assertThat(RunCommand.execute(
                            new String[] {"export", "powerbi", "--data-dir", dataDir.toString(), "--out", out.toString()
                            }))
                    .isEqualTo(1);
        }
        assertThat(out.toFile().list()).isNullOrEmpty();
    }

    @Test
    void aDataDirectoryWithoutWarehouseSaysSo() {
        assertThat(RunCommand.execute(new String[] {
                    "export",
                    "powerbi",
                    "--data-dir",
                    dataDir.resolve("nothing-here").toString()
                }))
                .isEqualTo(1);
    }
}
