package dev.salesflow.projection.runtime;

import dev.salesflow.warehouse.Warehouse;
import dev.salesflow.warehouse.WarehouseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Collects a projection's upserts for the current Axon unit of work and applies them in one
 * warehouse transaction when the unit of work commits, before the processor stores its token.
 * A tracking processor handling a batch of events thus makes one round trip, not one per event;
 * if the write fails the batch fails and is retried, so nothing is skipped.
 *
 * <p>Rows of one statement are sent as multi-row {@code INSERT … VALUES (…), (…)}: DuckDB spends
 * ~3 ms per single-row statement and ~0.2 ms per row this way. Within a batch the last row for a
 * key wins, as the last event would. Statements must be idempotent (keyed by event, or by
 * aggregate id and sequence number): after a crash between the warehouse commit and the token
 * commit, events are handled again.
 */
public final class WarehouseWrites {

    private static final int ROWS_PER_STATEMENT = 500;

    private final Warehouse warehouse;
    private final String resourceKey;

    public WarehouseWrites(Warehouse warehouse, String name) {
        this.warehouse = warehouse;
        this.resourceKey = WarehouseWrites.class.getName() + "/" + name;
    }

    /**
     * Adds a row for {@code sql}, an {@code INSERT … VALUES (?, …)} whose first {@code keyParameters}
     * parameters are the row's key.
     */
    public void upsert(String sql, int keyParameters, Object... parameters) {
        if (!CurrentUnitOfWork.isStarted()) {
            Batch batch = new Batch();
            batch.add(sql, keyParameters, parameters);
            batch.flush(warehouse);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Batch batch = root.getOrComputeResource(resourceKey, key -> {
            Batch created = new Batch();
            root.onPrepareCommit(unit -> created.flush(warehouse));
            return created;
        });
        batch.add(sql, keyParameters, parameters);
    }

    /** Rows by statement and key, in order of their last change. */
    private static final class Batch {
        private final Map<String, LinkedHashMap<List<Object>, Object[]>> rowsBySql = new LinkedHashMap<>();

        void add(String sql, int keyParameters, Object[] parameters) {
            LinkedHashMap<List<Object>, Object[]> rows = rowsBySql.computeIfAbsent(sql, s -> new LinkedHashMap<>());
            List<Object> key = Arrays.asList(Arrays.copyOf(parameters, keyParameters));
            rows.remove(key);
            rows.put(key, parameters);
        }

        void flush(Warehouse warehouse) {
            try (Connection connection = warehouse.connect()) {
                connection.setAutoCommit(false);
                try {
                    for (Map.Entry<String, LinkedHashMap<List<Object>, Object[]>> statement : rowsBySql.entrySet()) {
                        execute(
                                connection,
                                statement.getKey(),
                                new ArrayList<>(statement.getValue().values()));
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new WarehouseException(
                        "Projection write failed: " + e.getMessage() + "; the processor retries the batch", e);
            }
        }

        private static void execute(Connection connection, String sql, List<Object[]> rows) throws SQLException {
            int valuesAt = sql.toLowerCase(Locale.ROOT).lastIndexOf("values");
            if (valuesAt < 0) {
                throw new IllegalArgumentException("Not an INSERT … VALUES (…) statement: " + sql);
            }
            String head = sql.substring(0, valuesAt + "values".length());
            String tuple = sql.substring(valuesAt + "values".length()).strip();
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
                List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
                String multiRow = head + " " + String.join(", ", Collections.nCopies(chunk.size(), tuple));
                try (PreparedStatement prepared = connection.prepareStatement(multiRow)) {
                    int index = 1;
                    for (Object[] row : chunk) {
                        for (Object value : row) {
                            prepared.setObject(index++, jdbcValue(value));
                        }
                    }
                    prepared.executeUpdate();
                }
            }
        }

        /** Warehouse times are UTC timestamps without zone; enums are stored by name. */
        private static Object jdbcValue(Object value) {
            if (value instanceof Instant instant) {
                return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            }
            if (value instanceof Enum<?> constant) {
                return constant.name();
            }
            return value;
        }
    }
}
