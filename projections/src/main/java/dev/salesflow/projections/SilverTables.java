package dev.salesflow.projections;

import dev.salesflow.warehouse.Warehouse;

/** Creates the silver tables if they are missing; their DDL is a resource file. */
public final class SilverTables {

    private SilverTables() {
    }

    public static synchronized void create(Warehouse warehouse) {
        warehouse.executeScript("projections/duckdb/silver_tables.sql");
    }
}
