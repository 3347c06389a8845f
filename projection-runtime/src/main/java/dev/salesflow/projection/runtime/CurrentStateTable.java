package dev.salesflow.projection.runtime;

import dev.salesflow.warehouse.table.TableSpec;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A current-state table: one row per aggregate, with {@code updated_at} and
 * {@code last_sequence_number} columns, whose changes follow the {@link BusinessTime} rule. The
 * steps every current-state projection shares: ignore an event the row already reflects, apply a
 * change only if it is not older than the change the row holds for that attribute.
 */
public final class CurrentStateTable {

    private final TableSpec table;
    private final int updatedAt;
    private final int lastSequenceNumber;

    public CurrentStateTable(TableSpec table) {
        this.table = table;
        this.updatedAt = table.columnIndex("updated_at");
        this.lastSequenceNumber = table.columnIndex("last_sequence_number");
    }

    /** The row of a creation event, unless the row in memory already reflects the event. */
    public void create(String aggregateId, EventContext event, ProjectionRows rows, Object... values) {
        List<Object[]> current = rows.ofNew(table, aggregateId);
        if (!current.isEmpty() && reflects(current.get(0), event)) {
            return;
        }
        rows.put(table, aggregateId, List.<Object[]>of(table.row(values)));
    }

    /**
     * A change at business time {@code at} of the attributes whose last change time is in
     * {@code changedAtColumn}: applied by {@code change} unless the row holds a later one; the
     * event's sequence number is recorded either way.
     */
    public void change(String aggregateId, Instant at, int changedAtColumn, EventContext event, ProjectionRows rows,
                       Consumer<Object[]> change) {
        List<Object[]> current = rows.of(table, aggregateId);
        if (current.isEmpty() || reflects(current.get(0), event)) {
            return;
        }
        Object[] row = current.get(0).clone();
        if (BusinessTime.supersedes(at, (Instant) row[changedAtColumn])) {
            change.accept(row);
            row[changedAtColumn] = at;
            row[updatedAt] = BusinessTime.latest(at, (Instant) row[updatedAt]);
        }
        row[lastSequenceNumber] = event.sequenceNumber();
        rows.put(table, aggregateId, List.<Object[]>of(table.row(row)));
    }

    private boolean reflects(Object[] row, EventContext event) {
        return (Long) row[lastSequenceNumber] >= event.sequenceNumber();
    }
}
