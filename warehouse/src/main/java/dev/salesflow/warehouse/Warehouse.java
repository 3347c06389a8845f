package dev.salesflow.warehouse;

import java.sql.Connection;
import java.util.List;

/**
 * The port every stage uses to reach the warehouse: DuckDB locally; BigQuery in the cloud
 * (added with the cloud issue). SQL passed here is in the dialect of the engine behind it.
 */
public interface Warehouse extends AutoCloseable {

    /** A JDBC session for bulk writes in one transaction; close it when done. */
    Connection connect();

    void execute(String sql);

    /** Runs a classpath script of statements, each ending with a semicolon at the end of a line. */
    void executeScript(String resource);

    <T> List<T> query(String sql, RowMapper<T> mapper);

    long count(String table);

    boolean tableExists(String schema, String table);

    @Override
    void close();
}
