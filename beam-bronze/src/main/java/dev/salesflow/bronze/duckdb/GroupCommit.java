package dev.salesflow.bronze.duckdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * throws if they could not be), so a bundle never completes before its rows are in DuckDB.
 *
 * <p>A failed group does not fail its callers together: each batch is retried in its own transaction,
 * and a batch that fails alone is split until the rows the table refuses are found. Those come back
 * as {@linkplain Written#rejected() rejected} with the reason (the caller dead-letters them) and the
 * rest land. Only when the table takes no write at all (a probe row fails too, or every row of the
 * batch fails alone) does the caller get the failure, to nack and retry later.
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
            statement.execute("create temp table if not exists " + rows.stagingTable() + " (arrival bigint, "
                    + rows.stagingColumns() + ")");
        }
    }

    /**
     * A row the table refused, or that collides with a landed row of other content, and why.
     *
     * @param cause DuckDB's exception for a refused row; {@code null} for a content conflict
     */
    record Rejected<T>(T row, String reason, Throwable cause) {}

    /**
     * What became of a batch: {@code inserted} rows are new, {@code rejected} ones were not written
     * (the caller dead-letters them), the rest were duplicates of rows already there.
     */
    record Written<T>(long inserted, List<Rejected<T>> rejected) {}

    /**
     * Writes {@code batch} (with the batches of concurrent callers), see the class comment.
     *
     * @throws SQLException when the table took none of the batch; nothing of it was written
     */
    Written<T> write(List<T> batch, DuckDBConnection connection) throws SQLException {
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
                commitGroup(group, connection);
            }
        } finally {
            writing.unlock();
        }
        if (mine.failure != null) {
            throw new SQLException(
                    "Writing " + batch.size() + " rows to " + rows.target() + " failed, alone as well"
                            + " as in its group: " + mine.failure.getMessage(),
                    mine.failure);
        }
        return mine.written;
    }

    /**
     * Visible for tests: writes the batches as one group, as concurrent callers' batches are; each
     * entry of the answer is the batch's {@link Written} or the exception its caller would get.
     */
    List<Object> writeAsOneGroup(List<List<T>> batches, DuckDBConnection connection) {
        List<Submission<T>> group = new ArrayList<>();
        batches.forEach(batch -> group.add(new Submission<>(batch)));
        writing.lock();
        try {
            commitGroup(group, connection);
        } finally {
            writing.unlock();
        }
        List<Object> results = new ArrayList<>();
        group.forEach(submission -> results.add(submission.failure != null ? submission.failure : submission.written));
        return results;
    }

    private void commitGroup(List<Submission<T>> group, DuckDBConnection connection) {
        List<T> all = new ArrayList<>();
        group.forEach(submission -> all.addAll(submission.batch));
        Outcome together;
        try {
            together = commit(all, connection);
        } catch (SQLException | RuntimeException e) {
            if (group.size() == 1) {
                isolate(group.get(0), e, connection);
                return;
            }
            // One bad batch must not fail the others: each on its own.
            for (Submission<T> submission : group) {
                try {
                    Outcome alone = commit(submission.batch, connection);
                    submission.succeed(alone.written(submission.batch, 0));
                } catch (SQLException | RuntimeException failure) {
                    isolate(submission, failure, connection);
                }
            }
            return;
        }
        int offset = 0;
        for (Submission<T> submission : group) {
            submission.succeed(together.written(submission.batch, offset));
            offset += submission.batch.size();
        }
    }

    /** A batch failed alone: find the rows the table refuses, land the others. */
    private void isolate(Submission<T> submission, Exception failure, DuckDBConnection connection) {
        String probeFailure = probe(connection);
        if (probeFailure != null) {
            failure.addSuppressed(new SQLException("a probe row was refused as well: " + probeFailure));
            submission.fail(failure);
            return;
        }
        List<Rejected<T>> rejected = new ArrayList<>();
        long[] landed = new long[2]; // inserted, rows written or found as duplicates
        split(submission.batch, connection, rejected, landed);
        if (landed[1] == 0 && submission.batch.size() > 1) {
            // Not one row of many went in although a probe row did: not the rows' fault (e.g. disk full).
            submission.fail(failure);
            return;
        }
        submission.succeed(new Written<>(landed[0], rejected));
    }

    private void split(List<T> part, DuckDBConnection connection, List<Rejected<T>> rejected, long[] landed) {
        try {
            Written<T> written = commit(part, connection).written(part, 0);
            landed[0] += written.inserted();
            landed[1] += part.size() - written.rejected().size();
            rejected.addAll(written.rejected());
        } catch (SQLException | RuntimeException e) {
            if (part.size() == 1) {
                rejected.add(new Rejected<>(
                        part.get(0),
                        rows.target() + " refused this row, alone, while it took" + " a probe row: " + e,
                        e));
                return;
            }
            int half = part.size() / 2;
            split(part.subList(0, half), connection, rejected, landed);
            split(part.subList(half, part.size()), connection, rejected, landed);
        }
    }

    /** {@code null} when the target takes a valid row (rolled back), else why not. */
    private String probe(DuckDBConnection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(rows.probeInsert());
            return null;
        } catch (SQLException | RuntimeException e) {
            return e.getMessage();
        } finally {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the next transaction starts with a rollback of its own on failure
            }
            // After a failed commit (a full disk) the rollback above can leave the probe row in an
            // open transaction that the next commit would land: remove it for certain.
            try (Statement statement = connection.createStatement()) {
                statement.execute(rows.probeDelete());
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // as above
                }
            }
        }
    }

    /** One transaction on {@code connection}, which the caller keeps in manual-commit mode. */
    private Outcome commit(List<T> batch, DuckDBConnection connection) throws SQLException {
        Set<String> inserted = new HashSet<>();
        Map<Long, String> conflicts = new HashMap<>();
        try {
            try (Statement statement = connection.createStatement()) {
                // Rows of a failed write may survive its rollback in the session's temp table.
                statement.execute("delete from " + rows.stagingTable());
            }
            LocalDateTime landedAt = LocalDateTime.now(ZoneOffset.UTC);
            long arrival = 0;
            try (DuckDBAppender appender = connection.createAppender("temp", "main", rows.stagingTable())) {
                for (T row : batch) {
                    appender.beginRow().append(arrival++);
                    rows.append(appender, row, landedAt);
                    appender.endRow();
                }
            }
            try (Statement statement = connection.createStatement()) {
                try (ResultSet keys = statement.executeQuery(rows.insertFromStaging())) {
                    while (keys.next()) {
                        inserted.add(keys.getString(1));
                    }
                }
                if (inserted.size() < batch.size() && rows.contentConflicts() != null) {
                    try (ResultSet conflicting = statement.executeQuery(rows.contentConflicts())) {
                        while (conflicting.next()) {
                            conflicts.put(conflicting.getLong(1), conflicting.getString(2));
                        }
                    }
                }
                statement.execute("delete from " + rows.stagingTable());
                // belt and braces: a probe row that outlived its rollback never lands with a batch
                statement.execute(rows.probeDelete());
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        return new Outcome(inserted, conflicts);
    }

    /** The keys one transaction inserted, and the arrivals of rows that collided with other content. */
    private final class Outcome {
        private final Set<String> inserted;
        private final Map<Long, String> conflicts;

        Outcome(Set<String> inserted, Map<Long, String> conflicts) {
            this.inserted = inserted;
            this.conflicts = conflicts;
        }

        /** The share of {@code batch}, whose first row had arrival {@code offset}. */
        Written<T> written(List<T> batch, int offset) {
            long mineInserted = 0;
            List<Rejected<T>> rejected = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                T row = batch.get(i);
                String conflict = conflicts.get((long) (offset + i));
                if (conflict != null) {
                    rejected.add(new Rejected<>(row, conflict, null));
                } else if (inserted.remove(rows.key(row))) {
                    // The first row of a key in arrival order is the one inserted: count it for its batch.
                    mineInserted++;
                }
            }
            return new Written<>(mineInserted, rejected);
        }
    }

    /** One caller's batch; its fields are written under the write lock and read after it. */
    private static final class Submission<T> {
        final List<T> batch;
        boolean done;
        Written<T> written;
        Exception failure;

        Submission(List<T> batch) {
            this.batch = batch;
        }

        void succeed(Written<T> result) {
            written = result;
            done = true;
        }

        void fail(Exception e) {
            failure = e;
            done = true;
        }
    }
}
