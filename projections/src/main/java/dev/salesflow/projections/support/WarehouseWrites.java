package dev.salesflow.projections.support;

import dev.salesflow.warehouse.Warehouse;
import dev.salesflow.warehouse.WarehouseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Collects a projection's writes for the current Axon unit of work and applies them in one
 * warehouse transaction when the unit of work commits, before the processor stores its token.
 * A tracking processor handling a batch of events thus makes one round trip, not one per event;
 * if the write fails the batch fails and is retried, so nothing is skipped.
 *
 * <p>Statements must be idempotent (upserts keyed by event or aggregate id and sequence number):
 * after a crash between the warehouse commit and the token commit, events are handled again.
 */
public final class WarehouseWrites {

    private final Warehouse warehouse;
    private final String resourceKey;

    public WarehouseWrites(Warehouse warehouse, String name) {
        this.warehouse = warehouse;
        this.resourceKey = WarehouseWrites.class.getName() + "/" + name;
    }

    /** Adds one execution of {@code sql} with these parameters to the pending batch. */
    public void add(String sql, Object... parameters) {
        if (!CurrentUnitOfWork.isStarted()) {
            Batch batch = new Batch();
            batch.add(sql, parameters);
            batch.flush(warehouse);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Batch batch = root.getOrComputeResource(resourceKey, key -> {
            Batch created = new Batch();
            root.onPrepareCommit(unit -> created.flush(warehouse));
            return created;
        });
        batch.add(sql, parameters);
    }

    /** Statements grouped by SQL text, in first-seen order, so each is prepared once. */
    private static final class Batch {
        private final Map<String, List<Object[]>> statements = new LinkedHashMap<>();

        void add(String sql, Object[] parameters) {
            statements.computeIfAbsent(sql, s -> new ArrayList<>()).add(parameters);
        }

        void flush(Warehouse warehouse) {
            try (Connection connection = warehouse.connect()) {
                connection.setAutoCommit(false);
                try {
                    for (Map.Entry<String, List<Object[]>> statement : statements.entrySet()) {
                        execute(connection, statement.getKey(), statement.getValue());
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new WarehouseException("Projection write failed: " + e.getMessage()
                        + "; the processor retries the batch", e);
            }
        }

        private static void execute(Connection connection, String sql, List<Object[]> rows) throws SQLException {
            try (PreparedStatement prepared = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        prepared.setObject(i + 1, jdbcValue(row[i]));
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
