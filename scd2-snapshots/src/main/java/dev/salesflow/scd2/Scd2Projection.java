package dev.salesflow.scd2;

import dev.salesflow.events.DomainEvent;
import dev.salesflow.projection.runtime.EventContext;
import dev.salesflow.projection.runtime.Projection;
import dev.salesflow.projection.runtime.ProjectionRows;
import dev.salesflow.warehouse.table.TableSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An SCD Type-2 history built from an aggregate's domain events: one version per event, valid in
 * business time. A subclass names its processing group with {@code @ProcessingGroup} and has one
 * typed {@code @EventHandler} per tracked event, which says what the event sets and calls
 * {@link #version}. On every new event all versions of its entity are folded again from their
 * changes ({@link VersionHistory}), so the table depends only on which events were seen, never on
 * the order they arrived in or how often: an event whose sequence number is already among the
 * versions changes nothing.
 *
 * <p>Every event of the domain is a real change (the aggregates emit nothing for a change to the
 * value already held). Still, after a late event the fold can make a version whose values equal
 * its predecessor's (the late event set what a later one had set before). It is kept: a row is the
 * record of one event (its {@code dbt_scd_id} and {@code change_type} say which), rows never
 * disappear when another late event arrives, and a point-in-time join still finds exactly one
 * version; whoever wants distinct states only can collapse equal neighbours.
 */
public abstract class Scd2Projection implements Projection {

    private final Scd2Table table;

    protected Scd2Projection(Scd2Table table) {
        this.table = table;
    }

    public Scd2Table table() {
        return table;
    }

    @Override
    public List<TableSpec> tables() {
        return List.of(table.spec());
    }

    /**
     * Records the version {@code payload} makes, setting {@code values}: what every typed
     * {@code @EventHandler} of a history calls.
     */
    protected void version(DomainEvent payload, ChangeValues values, EventContext event, ProjectionRows rows) {
        Instant at = payload.occurredAt();
        if (at == null) {
            throw new IllegalArgumentException(payload.getClass().getSimpleName() + " " + event.eventId() + " of "
                    + event.aggregateId() + " has no business time; it cannot be placed in the history of "
                    + table.spec().qualifiedName());
        }
        // A creation event (sequence 0) does not read the store (ProjectionRows.ofNew): from the
        // event store it is the aggregate's first event, and if it is handled again after a restart
        // so are all later ones. Reading would cost a warehouse query per new customer or product.
        List<Object[]> current = event.sequenceNumber() == 0
                ? rows.ofNew(table.spec(), event.aggregateId())
                : rows.of(table.spec(), event.aggregateId());
        List<Change> changes = new ArrayList<>(VersionHistory.changesOf(table, current));
        for (Change seen : changes) {
            if (seen.sequenceNumber() == event.sequenceNumber()) {
                return;
            }
        }
        // The warehouse keeps microseconds; so does the fold, or rows read back would sort differently.
        changes.add(new Change(
                event.sequenceNumber(), at.truncatedTo(ChronoUnit.MICROS), values.changeType(), values.values()));
        rows.put(table.spec(), event.aggregateId(), VersionHistory.versions(table, event.aggregateId(), changes));
    }

    /** What an event sets, before its business time and sequence number are known. */
    protected record ChangeValues(String changeType, Map<String, Object> values) {

        /** {@code changeType} setting attribute {@code namesAndValues[0]} to {@code namesAndValues[1]}, …. */
        public static ChangeValues of(Enum<?> changeType, Object... namesAndValues) {
            Map<String, Object> values = new HashMap<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                values.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
            return new ChangeValues(changeType.name(), values);
        }
    }
}
