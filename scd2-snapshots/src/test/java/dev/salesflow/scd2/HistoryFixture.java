package dev.salesflow.scd2;

import dev.salesflow.projection.runtime.EventContext;
import dev.salesflow.projection.runtime.ProjectionRows;
import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.table.DuckDbTableStore;
import dev.salesflow.warehouse.table.TableStore.TableChecksum;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A history projection on a real DuckDB file. Every event is written at once. By default nothing
 * stays in memory between events (no cached aggregates), so each event folds the versions read
 * back from the table, as after a restart; {@link #keepInMemory()} keeps them cached instead, as a
 * running processor does.
 */
public final class HistoryFixture implements AutoCloseable {

    /** One event of an aggregate as a processor would hand it over. */
    public record Delivery(String aggregateId, long sequenceNumber, Object payload) {}

    public final DuckDbWarehouse warehouse;
    public final DuckDbTableStore store;
    private final Scd2Projection projection;
    private ProjectionRows rows;
    private int cachedAggregates = 0;

    public HistoryFixture(Path file, Scd2Projection projection) {
        this.warehouse = DuckDbWarehouse.open(file);
        this.store = new DuckDbTableStore(warehouse);
        this.projection = projection;
        restart();
    }

    /** Drops the table and starts over from no events. */
    public void restart() {
        projection.tables().forEach(store::drop);
        projection.tables().forEach(store::create);
        rows = new ProjectionRows(store, projection.tables(), false, cachedAggregates);
    }

    /** From now on aggregates stay in memory between events, as in a running processor. */
    public HistoryFixture keepInMemory() {
        cachedAggregates = 1_000;
        restart();
        return this;
    }

    public void deliver(List<Delivery> deliveries) {
        for (Delivery delivery : deliveries) {
            projection.handle(
                    delivery.payload(),
                    new EventContext(
                            "e-" + delivery.aggregateId() + "-" + delivery.sequenceNumber(),
                            delivery.aggregateId(),
                            delivery.sequenceNumber()),
                    rows);
            rows.flush();
        }
    }

    public TableChecksum checksum() {
        return store.checksum(projection.table().spec());
    }

    /** The versions of one entity as text, in business-time order: {@code seq|change|valid_from|valid_to|…}. */
    public List<String> versions(String key, String... attributes) {
        String table = projection.table().spec().qualifiedName();
        String columns = "sequence_number::varchar, change_type, strftime(dbt_valid_from, '%H:%M'),"
                + " coalesce(strftime(dbt_valid_to, '%H:%M'), 'null')"
                + (attributes.length == 0
                        ? ""
                        : ", "
                                + String.join(
                                        ", ",
                                        List.of(attributes).stream()
                                                .map(a -> "coalesce(" + a + "::varchar, 'null')")
                                                .toList()));
        return warehouse.query(
                "select concat_ws('|', " + columns + ") from " + table + " where "
                        + projection.table().keyColumn() + " = '" + key + "' order by dbt_valid_from, sequence_number",
                r -> r.getString(1));
    }

    @Override
    public void close() {
        store.close();
        warehouse.close();
    }

    /** Every order of {@code items}. */
    public static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                result.add(order);
            }
        }
        return result;
    }
}
