package dev.salesflow.app.warehouse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which engine holds the read models ({@code salesflow.warehouse.kind}): {@code duckdb} (the local
 * file, default) or {@code bigquery} (the gcp profile).
 */
@ConfigurationProperties("salesflow.warehouse")
public record WarehouseProperties(
        @DefaultValue("duckdb") Kind kind, @DefaultValue BigQuery bigquery) {

    public enum Kind {
        DUCKDB,
        BIGQUERY
    }

    /**
     * @param project  the project that runs the jobs and holds the datasets; empty: the one of the
     *                 application default credentials
     * @param location where datasets are created and jobs run, e.g. {@code EU}; empty: BigQuery's default
     * @param host     another endpoint than Google's, e.g. {@code http://127.0.0.1:9050} for a local
     *                 stand-in; then no credentials are sent
     */
    public record BigQuery(
            @DefaultValue("") String project,
            @DefaultValue("") String location,
            @DefaultValue("") String host) {}
}
