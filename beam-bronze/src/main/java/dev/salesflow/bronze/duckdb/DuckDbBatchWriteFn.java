package dev.salesflow.bronze.duckdb;

import dev.salesflow.bronze.FailedMessage;
import dev.salesflow.bronze.grpcread.AckAfterLanding;
import dev.salesflow.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.duckdb.DuckDBConnection;

/**
 * Writes each bundle to DuckDB before the bundle completes, through the table's {@link GroupCommit}:
 * bundles that finish at the same time share one transaction, an Appender batch and one
 * {@code INSERT … SELECT … ON CONFLICT DO NOTHING}, so that redelivered messages never duplicate a
 * row. Rows the table refuses, and events whose id has landed with other content, are dead-lettered
 * with the reason ({@link GroupCommit} finds them); a write the table does not take at all fails
 * the bundle (and on the DirectRunner the job, which the application restarts); nothing is swallowed.
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
    private final Counter deadLettered;
    private transient DuckDBConnection connection;
    private transient GroupCommit<T> groupCommit;
    private transient GroupCommit<FailedMessage> deadLetters;
    private transient List<T> batch;

    /** @param acks acks each batch after its commit; {@code null} when the source acks (PubsubIO) */
    DuckDbBatchWriteFn(String duckdbFile, String metricPrefix, AckAfterLanding acks) {
        this.duckdbFile = duckdbFile;
        this.acks = acks;
        this.written = Metrics.counter(getClass(), metricPrefix + "_written");
        this.duplicates = Metrics.counter(getClass(), metricPrefix + "_duplicates_dropped");
        // Same name as the parser's: the application sums every "dead_lettered" of the job.
        this.deadLettered = Metrics.counter(getClass(), "dead_lettered");
    }

    abstract String table();

    abstract StagedRows<T> rows();

    /** The ack id the element carries, or {@code null}. */
    abstract String ackId(T element);

    /**
     * The dead letter of a row the table refused or that collides with a landed row, with the reason
     * (and DuckDB's stack trace for a refused row, else {@code null}); {@code null} when this writer
     * cannot dead-letter (the dead-letter writer itself).
     */
    abstract FailedMessage deadLetter(T element, String reason, String stacktrace);

    @Setup
    public void setup() throws SQLException {
        DuckDbWarehouse warehouse = DuckDbWarehouse.open(Path.of(duckdbFile));
        BronzeTables.create(warehouse);
        connection = warehouse.connect().unwrap(DuckDBConnection.class);
        // This session only ever writes through the group commit, which commits explicitly.
        connection.setAutoCommit(false);
        groupCommit = GroupCommit.of(duckdbFile, table(), rows());
        groupCommit.createStaging(connection);
        deadLetters = GroupCommit.of(duckdbFile, BronzeTables.ERROR_RECORDS, new WriteErrorRecordsFn.ErrorRecordRows());
        deadLetters.createStaging(connection);
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
        List<T> writing = batch;
        batch = new ArrayList<>();
        GroupCommit.Written<T> result;
        try {
            result = groupCommit.write(writing, connection);
        } catch (SQLException | RuntimeException e) {
            nackQuietly(ackIds(writing), e);
            throw e;
        }
        List<T> rejected = new ArrayList<>();
        result.rejected().forEach(r -> rejected.add(r.row()));
        if (!rejected.isEmpty()) {
            try {
                deadLetter(result.rejected());
            } catch (SQLException | RuntimeException e) {
                // The landed rows are committed and can be acked; the refused ones come back.
                Set<T> refused = Collections.newSetFromMap(new IdentityHashMap<>());
                refused.addAll(rejected);
                List<T> landed = writing.stream()
                        .filter(element -> !refused.contains(element))
                        .toList();
                if (acks != null) {
                    acks.ack(ackIds(landed));
                }
                nackQuietly(ackIds(rejected), e);
                throw e;
            }
        }
        if (acks != null) {
            acks.ack(ackIds(writing));
        }
        written.inc(result.inserted());
        deadLettered.inc(rejected.size());
        duplicates.inc(writing.size() - result.inserted() - rejected.size());
    }

    /** Dead-letters rows the table refused (or that collide with landed rows) with their reason, or fails. */
    private void deadLetter(List<GroupCommit.Rejected<T>> rejected) throws SQLException {
        List<FailedMessage> letters = new ArrayList<>();
        for (GroupCommit.Rejected<T> row : rejected) {
            FailedMessage letter = deadLetter(row.row(), row.reason(), stackTrace(row.cause()));
            if (letter == null) {
                throw new SQLException(table() + " refused " + rejected.size() + " rows, which cannot be"
                        + " dead-lettered from here; the first: " + row.reason());
            }
            letters.add(letter);
        }
        GroupCommit.Written<FailedMessage> landed = deadLetters.write(letters, connection);
        if (!landed.rejected().isEmpty()) {
            throw new SQLException(
                    BronzeTables.ERROR_RECORDS + " refused " + landed.rejected().size() + " dead letters; the first: "
                            + landed.rejected().get(0).reason());
        }
    }

    private static String stackTrace(Throwable error) {
        if (error == null) {
            return null;
        }
        java.io.StringWriter text = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private void nackQuietly(List<String> ackIds, Exception failure) {
        if (acks != null) {
            try {
                acks.nack(ackIds);
            } catch (RuntimeException nackFailure) {
                failure.addSuppressed(nackFailure); // the ack deadline brings them back anyway
            }
        }
    }

    private List<String> ackIds(List<T> elements) {
        List<String> ids = new ArrayList<>(elements.size());
        for (T element : elements) {
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
