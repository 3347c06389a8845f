package dev.salesflow.bronze.duckdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Group commit of one bronze table: the batches of all bundles that wait at the same time are
 * written in one transaction, by whichever of their threads gets the write lock first; the others
 * find their rows already committed. Each caller returns only once its own rows are committed (or
 * throws if that transaction failed), so a bundle never completes before its rows are in DuckDB.
 *
 * <p>One writer per table and JVM: DuckDB reports two open transactions inserting the same key as
 * a constraint error at commit instead of letting ON CONFLICT skip it, and redelivered messages
 * processed by two bundles at once would do exactly that.
 */
final class GroupCommit<T> {

    private static final ConcurrentMap<String, GroupCommit<?>> BY_TABLE = new ConcurrentHashMap<>();

    private final StagedRows<T> rows;
    private final ReentrantLock writing = new ReentrantLock();
    private final Object queueLock = new Object();
    private List<Submission<T>> queued = new ArrayList<>();

    private GroupCommit(StagedRows<T> rows) {
        this.rows = rows;
    }

    /** The group commit of a table in a file, shared by every DoFn instance writing it. */
    @SuppressWarnings("unchecked")
    static <T> GroupCommit<T> of(String duckdbFile, String table, StagedRows<T> rows) {
        String key = java.nio.file.Path.of(duckdbFile).toAbsolutePath().normalize() + "#" + table;
        return (GroupCommit<T>) BY_TABLE.computeIfAbsent(key, k -> new GroupCommit<>(rows));
    }

    /** Creates the caller's staging table on its own connection (temporary tables are per session). */
    void createStaging(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create temp table if not exists " + rows.stagingTable()
                    + " (arrival bigint, " + rows.stagingColumns() + ")");
        }
    }

    /**
     * Writes {@code batch} (with the batches of concurrent callers) and returns how many of its rows
     * were new; the rest were duplicates of rows already there or earlier in the same write.
     */
    long write(List<T> batch, DuckDBConnection connection) throws SQLException {
        Submission<T> mine = new Submission<>(batch);
        synchronized (queueLock) {
            queued.add(mine);
        }
        writing.lock();
        try {
            if (!mine.done) {
                List<Submission<T>> group;
                synchronized (queueLock) {
                    group = queued;
                    queued = new ArrayList<>();
                }
                commit(group, connection);
            }
        } finally {
            writing.unlock();
        }
        if (mine.failure != null) {
            throw new SQLException("Writing " + batch.size() + " rows (in a group of bundles) failed: "
                    + mine.failure.getMessage(), mine.failure);
        }
        return mine.inserted;
    }

    /** One transaction on {@code connection}, which the caller keeps in manual-commit mode. */
    private void commit(List<Submission<T>> group, DuckDBConnection connection) {
        Set<String> inserted = new HashSet<>();
        try {
            try (Statement statement = connection.createStatement()) {
                // Rows of a failed write may survive its rollback in the session's temp table.
                statement.execute("delete from " + rows.stagingTable());
            }
            LocalDateTime landedAt = LocalDateTime.now(ZoneOffset.UTC);
            long arrival = 0;
            try (DuckDBAppender appender = connection.createAppender("temp", "main", rows.stagingTable())) {
                for (Submission<T> submission : group) {
                    for (T row : submission.batch) {
                        appender.beginRow().append(arrival++);
                        rows.append(appender, row, landedAt);
                        appender.endRow();
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                try (ResultSet keys = statement.executeQuery(rows.insertFromStaging())) {
                    while (keys.next()) {
                        inserted.add(keys.getString(1));
                    }
                }
                statement.execute("delete from " + rows.stagingTable());
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            group.forEach(submission -> submission.fail(e));
            return;
        }
        // The first row of a key in arrival order is the one inserted, so count it for its batch.
        for (Submission<T> submission : group) {
            long mineInserted = 0;
            for (T row : submission.batch) {
                if (inserted.remove(rows.key(row))) {
                    mineInserted++;
                }
            }
            submission.succeed(mineInserted);
        }
    }

    /** One caller's batch; its fields are written under the write lock and read after it. */
    private static final class Submission<T> {
        final List<T> batch;
        boolean done;
        long inserted;
        Exception failure;

        Submission(List<T> batch) {
            this.batch = batch;
        }

        void succeed(long count) {
            inserted = count;
            done = true;
        }

        void fail(Exception e) {
            failure = e;
            done = true;
        }
    }
}
