package dev.salesflow.bronze.bigquery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bronze tables in BigQuery: name, schema resource, partitioning, clustering and fixed partition
 * expiry. The one definition both the job ({@link WriteToBigQuery}, {@link MergeSalesEvents}) and
 * {@code gcp setup} read, so that the tables setup creates are the ones the job writes. Plain JDK on
 * purpose: gcp-setup puts this module on its class path without Beam.
 *
 * @param name                  table name in the dataset
 * @param schemaResource        class-path JSON schema ({@code {"fields": [...]}}, as {@code bq show --schema})
 * @param partitionType         {@code DAY} or {@code HOUR}
 * @param partitionField        the TIMESTAMP column partitioned on
 * @param fixedExpirationDays   partition expiry this table always has ({@code null}: setup's
 *                              {@code --partition-expiration-days} decides)
 * @param clustering            clustering columns, in order (empty: none)
 */
public record BronzeTableLayout(
        String name,
        String schemaResource,
        String partitionType,
        String partitionField,
        Integer fixedExpirationDays,
        List<String> clustering) {

    public static final String DATASET = "sales_bronze";
    /** Days a landing partition is kept: the merge reads the last hours, a restarted job all of it. */
    public static final int LANDING_EXPIRATION_DAYS = 7;

    /**
     * Where the job appends every arrival through the Storage Write API. A buffer, read by the MERGE
     * by time of arrival: hourly partitions of {@code ingested_at} so that a merge run scans the last
     * hours only, kept {@value #LANDING_EXPIRATION_DAYS} days.
     */
    public static final BronzeTableLayout LANDING = new BronzeTableLayout(
            "sales_events_landing",
            "bronze/bigquery/sales_events.schema.json",
            "HOUR",
            "ingested_at",
            LANDING_EXPIRATION_DAYS,
            List.of());

    /** What everything else reads: one row per event_id, filled only by the MERGE. */
    public static final BronzeTableLayout EVENTS = new BronzeTableLayout(
            "sales_events",
            "bronze/bigquery/sales_events.schema.json",
            "DAY",
            "occurred_at",
            null,
            List.of("event_type", "aggregate_id"));

    /** Dead letters: the parser's, refused inserts, and the MERGE's content conflicts. */
    public static final BronzeTableLayout ERROR_RECORDS = new BronzeTableLayout(
            "sales_events_error_records",
            "bronze/bigquery/sales_events_error_records.schema.json",
            "DAY",
            "failed_at",
            null,
            List.of());

    public static List<BronzeTableLayout> all() {
        return List.of(LANDING, EVENTS, ERROR_RECORDS);
    }

    /** The partitioning expression of a DDL statement, e.g. {@code date(occurred_at)}. */
    public String partitionExpression() {
        return switch (partitionType) {
            case "DAY" -> "date(" + partitionField + ")";
            case "HOUR" -> "timestamp_trunc(" + partitionField + ", hour)";
            default -> throw new IllegalStateException("partition type " + partitionType + " of " + name);
        };
    }

    /** The schema resource's text. */
    public String schemaJson() {
        try (InputStream in = BronzeTableLayout.class.getClassLoader().getResourceAsStream(schemaResource)) {
            if (in == null) {
                throw new IllegalStateException("class-path resource " + schemaResource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + schemaResource, e);
        }
    }
}
