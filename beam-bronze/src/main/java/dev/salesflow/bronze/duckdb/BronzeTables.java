package dev.salesflow.bronze.duckdb;

import dev.salesflow.warehouse.DuckDbWarehouse;

/** Creates the bronze tables in DuckDB if they are missing; their DDL is a resource file. */
public final class BronzeTables {

    public static final String EVENTS = "sales_bronze.sales_events";
    public static final String ERROR_RECORDS = "sales_bronze.sales_events_error_records";

    private BronzeTables() {
    }

    public static synchronized void create(DuckDbWarehouse warehouse) {
        warehouse.executeScript("bronze/duckdb/bronze_tables.sql");
    }
}
