package dev.salesflow.app.export;

import dev.salesflow.gold.export.PowerBiExport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./run.sh export powerbi [--out DIR] [--data-dir DIR]}: the gold layer as Parquet files for Power BI. */
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
                "Works on a stopped data directory: DuckDB lets one process open the warehouse."
            })
    static class PowerBi implements Callable<Integer> {

        @Option(
                names = "--data-dir",
                defaultValue = "./data",
                description = "Data directory of the warehouse (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(names = "--out", description = "Folder for the Parquet files (default: <data-dir>/export/powerbi).")
        Path out;

        @Override
        public Integer call() throws Exception {
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
    }
}
