package dev.salesflow.bronze.duckdb;

import dev.salesflow.bronze.grpcread.AckAfterLanding;
import dev.salesflow.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.duckdb.DuckDBConnection;

/**
 * Writes each bundle to DuckDB before the bundle completes, through the table's {@link GroupCommit}:
 * bundles that finish at the same time share one transaction, an Appender batch and one
 * {@code INSERT … SELECT … ON CONFLICT DO NOTHING}, so that redelivered messages never duplicate a
 * row. A failed write fails the bundle (and on the DirectRunner the job); nothing is swallowed.
 *
 * <p>With {@link AckAfterLanding} (read path {@code GRPC_BATCHES}) the messages of a batch are acked
 * once its transaction has committed, duplicates included (their rows are there already), and nacked
 * if it failed, so that Pub/Sub redelivers them at once.
 */
abstract class DuckDbBatchWriteFn<T> extends DoFn<T, Void> {

    /** Bounded input (tests, backfills) can bring large bundles; write them in slices. */
    private static final int MAX_BATCH = 20_000;

    private final String duckdbFile;
    private final AckAfterLanding acks;
    private final Counter written;
    private final Counter duplicates;
    private transient DuckDBConnection connection;
    private transient GroupCommit<T> groupCommit;
    private transient List<T> batch;

    /** @param acks acks each batch after its commit; {@code null} when the source acks (PubsubIO) */
    DuckDbBatchWriteFn(String duckdbFile, String metricPrefix, AckAfterLanding acks) {
        this.duckdbFile = duckdbFile;
        this.acks = acks;
        this.written = Metrics.counter(getClass(), metricPrefix + "_written");
        this.duplicates = Metrics.counter(getClass(), metricPrefix + "_duplicates_dropped");
    }

    abstract String table();

    abstract StagedRows<T> rows();

    /** The ack id the element carries, or {@code null}. */
    abstract String ackId(T element);

    @Setup
    public void setup() throws SQLException {
        DuckDbWarehouse warehouse = DuckDbWarehouse.open(Path.of(duckdbFile));
        BronzeTables.create(warehouse);
        connection = warehouse.connect().unwrap(DuckDBConnection.class);
        // This session only ever writes through the group commit, which commits explicitly.
        connection.setAutoCommit(false);
        groupCommit = GroupCommit.of(duckdbFile, table(), rows());
        groupCommit.createStaging(connection);
        connection.commit();
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
        long inserted;
        try {
            inserted = groupCommit.write(batch, connection);
        } catch (SQLException | RuntimeException e) {
            if (acks != null) {
                try {
                    acks.nack(ackIds());
                } catch (RuntimeException nackFailure) {
                    e.addSuppressed(nackFailure); // the ack deadline brings them back anyway
                }
            }
            throw e;
        }
        if (acks != null) {
            acks.ack(ackIds());
        }
        written.inc(inserted);
        duplicates.inc(batch.size() - inserted);
        batch = new ArrayList<>();
    }

    private List<String> ackIds() {
        List<String> ids = new ArrayList<>(batch.size());
        for (T element : batch) {
            String id = ackId(element);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    @Teardown
    public void teardown() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }
}
