package dev.salesflow.bronze.duckdb;

import dev.salesflow.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Writes a bundle of elements to DuckDB in one transaction with an insert that ignores rows whose
 * key is already there, so that redelivered messages never duplicate a row. A failed write fails
 * the bundle, which Beam retries; nothing is swallowed.
 */
abstract class DuckDbBatchWriteFn<T> extends DoFn<T, Void> {

    private static final int MAX_BATCH = 2_000;

    /**
     * One writer at a time per file: DuckDB detects two open transactions inserting the same key
     * as a constraint error at commit instead of letting ON CONFLICT skip it, and the runner's
     * parallel bundles would do exactly that with redelivered messages.
     */
    private static final java.util.concurrent.ConcurrentMap<String, Object> WRITE_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final String duckdbFile;
    private final Counter written;
    private final Counter duplicates;
    private transient Connection connection;
    private transient List<T> batch;

    DuckDbBatchWriteFn(String duckdbFile, String metricPrefix) {
        this.duckdbFile = duckdbFile;
        this.written = Metrics.counter(getClass(), metricPrefix + "_written");
        this.duplicates = Metrics.counter(getClass(), metricPrefix + "_duplicates_dropped");
    }

    /** An INSERT … ON CONFLICT DO NOTHING with one parameter per column. */
    abstract String insertSql();

    abstract void bind(PreparedStatement insert, T element) throws SQLException;

    @Setup
    public void setup() {
        DuckDbWarehouse warehouse = DuckDbWarehouse.open(Path.of(duckdbFile));
        BronzeTables.create(warehouse);
        connection = warehouse.connect();
    }

    @StartBundle
    public void startBundle() {
        batch = new ArrayList<>();
    }

    /**
     * Called by the subclass's {@code @ProcessElement}: Beam needs the concrete element type
     * there and cannot match this class's type variable.
     */
    protected void add(T element) throws SQLException {
        batch.add(element);
        if (batch.size() >= MAX_BATCH) {
            flush();
        }
    }

    @FinishBundle
    public void finishBundle() throws SQLException {
        flush();
    }

    private void flush() throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        synchronized (WRITE_LOCKS.computeIfAbsent(duckdbFile, file -> new Object())) {
            writeBatch();
        }
    }

    private void writeBatch() throws SQLException {
        long inserted = 0;
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(insertSql())) {
            for (T element : batch) {
                bind(insert, element);
                inserted += insert.executeUpdate();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        written.inc(inserted);
        duplicates.inc(batch.size() - inserted);
        batch.clear();
    }

    @Teardown
    public void teardown() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }
}
