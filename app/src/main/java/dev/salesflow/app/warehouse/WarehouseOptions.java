package dev.salesflow.app.warehouse;

import dev.salesflow.warehouse.bigquery.BigQueryQueryEngine;
import dev.salesflow.warehouse.engine.QueryEngine;
import picocli.CommandLine.Option;

/**
 * The commands' choice of warehouse when they work without the application ({@code marts},
 * {@code export powerbi}): the data directory's DuckDB file (default), or BigQuery as the gcp profile
 * configures it, from the same variables (GOOGLE_CLOUD_PROJECT, SALESFLOW_REGION /
 * SALESFLOW_BIGQUERY_LOCATION).
 */
public class WarehouseOptions {

    @Option(
            names = "--warehouse",
            defaultValue = "duckdb",
            description = "duckdb (the data directory's file) or bigquery (the gcp mode's datasets) (default:"
                    + " ${DEFAULT-VALUE}).")
    String kind;

    @Option(
            names = "--bigquery-project",
            defaultValue = "${env:GOOGLE_CLOUD_PROJECT}",
            description = "With --warehouse bigquery: the project (default: $GOOGLE_CLOUD_PROJECT).")
    String project;

    @Option(
            names = "--bigquery-location",
            description = "With --warehouse bigquery: the datasets' location (default: $SALESFLOW_BIGQUERY_LOCATION,"
                    + " else $SALESFLOW_REGION, as the application's gcp profile).")
    String location;

    @Option(
            names = "--bigquery-endpoint",
            hidden = true,
            description = "Root URL of a BigQuery REST stand-in (no credentials); for tests.")
    String endpoint;

    /** True for bigquery, false for duckdb; another value is refused with what to pass. */
    public boolean bigQuery() {
        if ("bigquery".equalsIgnoreCase(kind)) {
            return true;
        }
        if ("duckdb".equalsIgnoreCase(kind)) {
            return false;
        }
        throw new IllegalArgumentException("--warehouse must be duckdb or bigquery, got '" + kind + "'");
    }

    public String location() {
        if (location != null && !location.isBlank()) {
            return location;
        }
        String configured = System.getenv("SALESFLOW_BIGQUERY_LOCATION");
        return configured != null && !configured.isBlank() ? configured : System.getenv("SALESFLOW_REGION");
    }

    public String project() {
        return project;
    }

    /** A BigQuery engine labelled with the command's name; needs the application default credentials. */
    public QueryEngine bigQueryEngine(String component) {
        return new BigQueryQueryEngine(
                TableStoreConfiguration.bigQueryClient(project, location(), endpoint), location(), component);
    }
}
