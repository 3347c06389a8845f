package dev.salesflow.gold.export;

import dev.salesflow.warehouse.engine.QueryEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The gcp mode's Power BI export: every table and view of {@code sales_gold} written as Parquet to
 * Cloud Storage by BigQuery itself ({@code EXPORT DATA … FORMAT='PARQUET'}), one folder per table
 * ({@code gs://<bucket>/gold/parquet/<table>/part-*.parquet}, BigQuery splits large tables into
 * several files). Nothing passes through this process. The bucket must be in the datasets' location
 * (as {@code gcp setup} creates it). Locally {@link PowerBiExport} writes the same tables to a folder.
 */
public final class BucketExport {

    /** Where in the bucket the export goes (gcp setup's prefix for it). */
    public static final String PREFIX = "gold/parquet";

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]");

    public record Exported(String table, long rows, String uri) {}

    private BucketExport() {}

    public static List<Exported> export(QueryEngine bigQuery, String bucket, Consumer<String> progress) {
        if (bigQuery.kind() != QueryEngine.Kind.BIGQUERY) {
            throw new IllegalArgumentException(
                    "the bucket export runs on BigQuery; locally the export writes a folder");
        }
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("--bucket must be a bucket name such as my-project-salesflow (without"
                    + " gs://), got " + (bucket == null ? "nothing" : "'" + bucket + "'"));
        }
        List<String> tables = bigQuery.query(
                "select table_name from " + PowerBiExport.SCHEMA + ".INFORMATION_SCHEMA.TABLES order by table_name",
                row -> row.getString(1));
        if (tables.isEmpty()) {
            throw new IllegalStateException("the dataset " + PowerBiExport.SCHEMA + " has no tables yet: let the"
                    + " application build the marts once (or run: ./run.sh marts run --warehouse bigquery)");
        }
        List<Exported> exported = new ArrayList<>();
        for (String table : tables) {
            String source = PowerBiExport.SCHEMA + ".`" + table + "`";
            long rows = bigQuery.query("select count(*) from " + source, row -> row.getLong(1))
                    .get(0);
            String uri = "gs://" + bucket + "/" + PREFIX + "/" + table + "/part-*.parquet";
            bigQuery.execute(exportStatement(uri, source));
            exported.add(new Exported(table, rows, uri));
            progress.accept(String.format("%-40s %,12d rows  %s", table, rows, uri));
        }
        return exported;
    }

    /** Overwrites what an earlier export left in the table's folder. */
    static String exportStatement(String uri, String source) {
        return "export data options (uri = '" + uri + "', format = 'PARQUET', overwrite = true) as select * from "
                + source;
    }
}
