package dev.salesflow.bronze.bigquery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GoogleSQL the BigQuery sink sends, from the resource files under {@code bronze/bigquery/}, with
 * the configured table names put in. Plain JDK, so that gcp-setup's tests can analyse exactly this
 * text with ZetaSQL.
 */
public final class BronzeSql {

    public static final String MERGE = "bronze/bigquery/merge_sales_events.sql";
    public static final String WINDOW = "bronze/bigquery/merge_window.sql";
    public static final String DDL = "bronze/bigquery/bronze_tables.sql";

    private static final Pattern FIELD =
            Pattern.compile("\\{\"name\": \"(\\w+)\", \"type\": \"(\\w+)\", \"mode\": \"(REQUIRED|NULLABLE)\"}");

    private BronzeSql() {}

    /** The three tables' names as the SQL refers to them, from the job's options. */
    public record Tables(String landing, String events, String errorRecords) implements java.io.Serializable {

        /** The defaults, {@code sales_bronze.<table>}, as gcp setup creates them. */
        public static Tables defaults() {
            return new Tables(
                    BronzeTableLayout.DATASET + "." + BronzeTableLayout.LANDING.name(),
                    BronzeTableLayout.DATASET + "." + BronzeTableLayout.EVENTS.name(),
                    BronzeTableLayout.DATASET + "." + BronzeTableLayout.ERROR_RECORDS.name());
        }
    }

    /** The merge script of {@link #MERGE}; parameters {@code @since}, {@code @through}, {@code @business_dates}. */
    public static String mergeScript(Tables tables) {
        return render(MERGE, tables);
    }

    /** The query of {@link #WINDOW}; parameter {@code @since}. */
    public static String windowQuery(Tables tables) {
        return render(WINDOW, tables);
    }

    /**
     * {@code create table if not exists} for one table, from its layout and schema resource: what
     * {@code bronze_tables.sql} holds for the default names, and what the job runs for the table the
     * merge writes (Beam creates only the tables it appends to).
     */
    public static String createTable(BronzeTableLayout layout, String table) {
        StringBuilder sql = new StringBuilder("create table if not exists ")
                .append(quote(table))
                .append(" (\n");
        List<String> columns = new ArrayList<>();
        Matcher field = FIELD.matcher(layout.schemaJson());
        while (field.find()) {
            columns.add("    " + field.group(1) + " " + field.group(2).toLowerCase()
                    + ("REQUIRED".equals(field.group(3)) ? " not null" : ""));
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException(layout.schemaResource() + " has no field in the expected form");
        }
        sql.append(String.join(",\n", columns)).append("\n)\npartition by ").append(layout.partitionExpression());
        if (!layout.clustering().isEmpty()) {
            sql.append("\ncluster by ").append(String.join(", ", layout.clustering()));
        }
        if (layout.fixedExpirationDays() != null) {
            sql.append("\noptions (partition_expiration_days = ")
                    .append(layout.fixedExpirationDays())
                    .append(")");
        }
        return sql.append(";\n").toString();
    }

    /** Every bronze table's DDL for the default names: the content of {@link #DDL} after its header. */
    public static String createTables() {
        Tables defaults = Tables.defaults();
        return String.join(
                "\n",
                createTable(BronzeTableLayout.LANDING, defaults.landing()),
                createTable(BronzeTableLayout.EVENTS, defaults.events()),
                createTable(BronzeTableLayout.ERROR_RECORDS, defaults.errorRecords()));
    }

    /**
     * A table spec ({@code project:dataset.table} or {@code dataset.table}) as a GoogleSQL path,
     * each part quoted ({@code `my-project`.`sales_bronze`.`sales_events`}); a project name may hold hyphens.
     */
    public static String quote(String spec) {
        String path = spec.replace(':', '.');
        int table = path.lastIndexOf('.');
        int dataset = path.lastIndexOf('.', table - 1);
        StringBuilder quoted = new StringBuilder();
        if (dataset >= 0) {
            quoted.append('`').append(path, 0, dataset).append("`.");
        }
        return quoted.append('`')
                .append(path, dataset + 1, table)
                .append("`.`")
                .append(path.substring(table + 1))
                .append('`')
                .toString();
    }

    private static String render(String resource, Tables tables) {
        String events = tables.events();
        String eventsName = events.substring(events.indexOf(':') + 1);
        return read(resource)
                .replace("${landing}", quote(tables.landing()))
                .replace("${events_name}", eventsName)
                .replace("${events}", quote(events))
                .replace("${error_records}", quote(tables.errorRecords()));
    }

    static String read(String resource) {
        try (InputStream in = BronzeSql.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class-path resource " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
