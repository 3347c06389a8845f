package dev.salesflow.projection.runtime;

import dev.salesflow.warehouse.table.TableSpec;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A current-state table: one row per aggregate, read and written as a record {@code R} (one
 * record per row), with {@code updated_at} and {@code last_sequence_number}, whose changes follow
 * the {@link BusinessTime} rule. The steps every current-state projection shares: ignore an event
 * the row already reflects, apply a change only if it is not older than the change the row holds
 * for that attribute.
 *
 * @param <R> the row record
 */
public final class CurrentStateTable<R extends CurrentStateTable.Row<R>> {

    /** A row of a current-state table. */
    public interface Row<R> {

        /** Business time of the latest change the row shows. */
        Instant updatedAt();

        /** The aggregate's event the row reflects last. */
        long lastSequenceNumber();

        /** The same row, updated at {@code updatedAt}, as of the aggregate's event {@code sequenceNumber}. */
        R at(Instant updatedAt, long sequenceNumber);

        /** The table's row, values in column order. */
        Object[] toRow();
    }

    private final TableSpec table;
    private final Function<Object[], R> reader;

    /** @param reader the record of a row read from the table */
    public CurrentStateTable(TableSpec table, Function<Object[], R> reader) {
        this.table = table;
        this.reader = reader;
    }

    /** The row of a creation event, unless the row in memory already reflects the event. */
    public void create(String aggregateId, EventContext event, ProjectionRows rows, R row) {
        List<Object[]> current = rows.ofNew(table, aggregateId);
        if (!current.isEmpty() && reader.apply(current.get(0)).lastSequenceNumber() >= event.sequenceNumber()) {
            return;
        }
        rows.put(table, aggregateId, List.<Object[]>of(row.toRow()));
    }

    /**
     * A change at business time {@code at} of the attributes whose last change time is
     * {@code changedAt}: applied by {@code change} (which sets them and that time) unless the row
     * holds a later one; the event's sequence number is recorded either way.
     */
    public void change(
            String aggregateId,
            Instant at,
            Function<R, Instant> changedAt,
            EventContext event,
            ProjectionRows rows,
            BiFunction<R, Instant, R> change) {
        List<Object[]> current = rows.of(table, aggregateId);
        if (current.isEmpty()) {
            return;
        }
        R row = reader.apply(current.get(0));
        if (row.lastSequenceNumber() >= event.sequenceNumber()) {
            return;
        }
        Instant updatedAt = row.updatedAt();
        if (BusinessTime.supersedes(at, changedAt.apply(row))) {
            row = change.apply(row, at);
            updatedAt = BusinessTime.latest(at, updatedAt);
        }
        rows.put(
                table,
                aggregateId,
                List.<Object[]>of(row.at(updatedAt, event.sequenceNumber()).toRow()));
    }
}
