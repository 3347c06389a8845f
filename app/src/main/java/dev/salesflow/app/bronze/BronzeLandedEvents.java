package dev.salesflow.app.bronze;

import dev.salesflow.bronze.duckdb.BronzeTables;
import dev.salesflow.relay.LandedEvents;
import dev.salesflow.warehouse.DuckDbWarehouse;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Bronze's answer to the relay's question, from its DuckDB table of landed events: dead letters
 * live in another table and never count as landed.
 */
public final class BronzeLandedEvents implements LandedEvents {

    private final DuckDbWarehouse warehouse;

    public BronzeLandedEvents(DuckDbWarehouse warehouse) {
        this.warehouse = warehouse;
        // The relay may ask before the bronze job has written anything.
        BronzeTables.create(warehouse);
    }

    @Override
    public Set<String> landedOf(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        StringBuilder ids = new StringBuilder();
        for (String id : eventIds) {
            ids.append(ids.isEmpty() ? "'" : ", '")
                    .append(id.replace("'", "''"))
                    .append('\'');
        }
        return new HashSet<>(warehouse.query(
                "select event_id from " + BronzeTables.EVENTS + " where event_id in (" + ids + ")",
                row -> row.getString(1)));
    }
}
