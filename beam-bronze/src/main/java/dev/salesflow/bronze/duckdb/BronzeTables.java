package dev.salesflow.bronze.duckdb;

import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.WarehouseException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the bronze tables in DuckDB if they are missing; their DDL is a resource file. */
public final class BronzeTables {

    public static final String EVENTS = "sales_bronze.sales_events";
    public static final String ERROR_RECORDS = "sales_bronze.sales_events_error_records";

    /** Where a dead-letter table from before {@code dead_letter_key} waits while it is copied. */
    static final String ERROR_RECORDS_BEFORE_KEY = "sales_events_error_records_before_key";

    private BronzeTables() {}

    public static synchronized void create(DuckDbWarehouse warehouse) {
        boolean oldErrorRecords = warehouse.tableExists("sales_bronze", "sales_events_error_records")
                && !hasColumn(warehouse, "sales_events_error_records", "dead_letter_key");
        if (oldErrorRecords) {
            // DuckDB cannot change a primary key in place: set the old table aside, create the new one.
            warehouse.execute("alter table " + ERROR_RECORDS + " rename to " + ERROR_RECORDS_BEFORE_KEY);
        }
        warehouse.executeScript("bronze/duckdb/bronze_tables.sql");
        if (warehouse.tableExists("sales_bronze", ERROR_RECORDS_BEFORE_KEY)) {
            copyOldErrorRecords(warehouse); // also finishes a copy an earlier start did not complete
        }
    }

    private static boolean hasColumn(DuckDbWarehouse warehouse, String table, String column) {
        return warehouse
                        .query(
                                "select count(*) from information_schema.columns where table_schema = 'sales_bronze'"
                                        + " and table_name = '" + table + "' and column_name = '" + column + "'",
                                r -> r.getLong(1))
                        .get(0)
                > 0;
    }

    /**
     * Rows from before the key were unique by message id; they keep that as their key
     * ({@code pubsub_message_id:<id>}), which no SHA-256 key can equal.
     */
    private static void copyOldErrorRecords(DuckDbWarehouse warehouse) {
        try (Connection connection = warehouse.connect();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("insert into " + ERROR_RECORDS + " (dead_letter_key, pubsub_message_id, failed_at,"
                    + " attributes, payload_string, payload_bytes, error_message, stacktrace)"
                    + " select 'pubsub_message_id:' || pubsub_message_id, pubsub_message_id, failed_at, attributes,"
                    + " payload_string, payload_bytes, error_message, stacktrace"
                    + " from sales_bronze." + ERROR_RECORDS_BEFORE_KEY + " on conflict do nothing");
            statement.execute("drop table sales_bronze." + ERROR_RECORDS_BEFORE_KEY);
            connection.commit();
        } catch (SQLException e) {
            throw new WarehouseException(
                    "Cannot move the dead letters of sales_bronze." + ERROR_RECORDS_BEFORE_KEY
                            + " into " + ERROR_RECORDS + " (" + e.getMessage()
                            + "); the old rows are still in that table,"
                            + " and the next start tries again",
                    e);
        }
    }
}
