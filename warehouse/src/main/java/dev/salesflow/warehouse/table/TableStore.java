package dev.salesflow.warehouse.table;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where read models keep their rows: DuckDB locally, BigQuery in the cloud. Projections never
 * write SQL of their own; they hand this port whole aggregates' rows, which makes every write
 * idempotent (the rows of an aggregate are replaced, never incremented) and lets a replay fill
 * {@linkplain TableSpec#shadow() shadow tables} with exactly the code the live projection runs.
 */
public interface TableStore extends AutoCloseable {

    /**
     * Creates the table if it does not exist with exactly these columns (one of another shape, left
     * by an older version, is dropped first).
     *
     * @return true if the table is new and empty, so whoever fills it must start from the first event
     */
    boolean create(TableSpec table);

    /** Drops the table if it exists. */
    void drop(TableSpec table);

    /** The rows of one aggregate, normalised (see {@link Column#normalise}); empty if it has none. */
    List<Object[]> rowsOf(TableSpec table, String aggregateId);

    /**
     * In one transaction, for every table: deletes the rows of the given aggregates and inserts the
     * given rows (which belong to those aggregates). An aggregate listed with no rows is deleted.
     * An aggregate with no rows in the table yet may be left out of the list (a fresh table's new
     * aggregates): its rows are only inserted, which saves the delete.
     */
    void replace(Map<TableSpec, AggregateRows> changes);

    /**
     * Replaces each live table by its shadow in one transaction: readers see either all the old
     * tables or all the new ones.
     */
    void switchOver(Collection<TableSpec> liveTables);

    /** How many rows share their key with an earlier row (0 when every key is unique); a replay checks it. */
    long duplicateKeys(TableSpec table);

    /** An order-independent checksum of the table's rows and its row count, to compare two builds. */
    TableChecksum checksum(TableSpec table);

    @Override
    void close();

    /** Rows of some aggregates of one table: everything those aggregates now have. */
    record AggregateRows(Collection<String> aggregateIds, List<Object[]> rows) {}

    /** Row count and an order-independent hash of every row's values. */
    record TableChecksum(String table, long rows, String hash) {}
}
