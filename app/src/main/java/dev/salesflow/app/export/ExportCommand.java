package dev.salesflow.app.export;

import dev.salesflow.app.warehouse.WarehouseOptions;
import dev.salesflow.gold.export.BucketExport;
import dev.salesflow.gold.export.PowerBiExport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./run.sh export powerbi [--out DIR] [--data-dir DIR]}: the gold layer as Parquet files for Power
 * BI, to a folder under the data directory; with {@code --warehouse bigquery} (the gcp mode) BigQuery
 * writes them to the bucket instead ({@code gs://<bucket>/gold/parquet/<table>/}).
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        subcommands = ExportCommand.PowerBi.class,
        description = "Exports the warehouse for other tools.")
public class ExportCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("export: name what to export, e.g. ./run.sh export powerbi (see ./run.sh export --help)");
        return 2;
    }

    @Command(
            name = "powerbi",
            sortOptions = false,
            mixinStandardHelpOptions = true,
            description = {
                "Writes the gold star schema (fct_sale_lines, fct_refunds, dim_*) and every mart as one"
                        + " Parquet file per table, which Power BI Desktop opens with its Parquet connector (docs/power-bi.md).",
                "Works on a stopped data directory: DuckDB lets one process open the warehouse.",
                "With --warehouse bigquery (the gcp mode) BigQuery writes them to gs://<bucket>/gold/parquet/<table>/"
                        + " (EXPORT DATA); the application may keep running."
            })
    static class PowerBi implements Callable<Integer> {

        @Option(
                names = "--data-dir",
                defaultValue = "./data",
                description = "Data directory of the warehouse (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(names = "--out", description = "Folder for the Parquet files (default: <data-dir>/export/powerbi).")
        Path out;

        @CommandLine.Mixin
        WarehouseOptions warehouseOptions = new WarehouseOptions();

        @Option(
                names = "--bucket",
                defaultValue = "${env:SALESFLOW_BUCKET}",
                description = "With --warehouse bigquery: the bucket (default: $SALESFLOW_BUCKET, else"
                        + " <project>-salesflow as gcp setup names it).")
        String bucket;

        @Override
        public Integer call() throws Exception {
            if (warehouseOptions.bigQuery()) {
                return toBucket();
            }
            Path dir = dataDir.toAbsolutePath().normalize();
            Path target = (out != null ? out : dir.resolve("export").resolve("powerbi"))
                    .toAbsolutePath()
                    .normalize();
            Path warehouse = dir.resolve("warehouse").resolve("analytics.duckdb");
            try {
                System.out.println("Exporting " + warehouse + " to " + target);
                List<PowerBiExport.Exported> files = PowerBiExport.export(warehouse, target, System.out::println);
                System.out.println(files.size() + " tables written to " + target
                        + "; in Power BI Desktop: Get data > Folder (or Parquet), see docs/power-bi.md");
                return 0;
            } catch (IllegalArgumentException | IllegalStateException e) {
                System.err.println("export powerbi: " + e.getMessage());
                return 1;
            }
        }

        private int toBucket() {
            String target = bucket != null && !bucket.isBlank() ? bucket : warehouseOptions.project() + "-salesflow";
            try {
                System.out.println("Exporting BigQuery sales_gold (project " + warehouseOptions.project() + ") to gs://"
                        + target + "/" + BucketExport.PREFIX);
                List<BucketExport.Exported> files =
                        BucketExport.export(warehouseOptions.bigQueryEngine("export"), target, System.out::println);
                System.out.println(files.size() + " tables written to gs://" + target + "/" + BucketExport.PREFIX
                        + "; Power BI reads them with its Parquet connector, or read sales_gold directly"
                        + " (docs/gcp.md, Power BI)");
                return 0;
            } catch (RuntimeException e) {
                System.err.println("export powerbi: " + e.getMessage());
                return 1;
            }
        }
    }
}
