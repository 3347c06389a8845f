package dev.salesflow.projection.runtime;

import dev.salesflow.warehouse.table.TableSpec;
import dev.salesflow.warehouse.table.TableStore;
import dev.salesflow.warehouse.table.TableStore.AggregateRows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A projection's rows, held in memory by aggregate in front of a {@link TableStore}: read once
 * (on first use), changed in memory, written back per batch by {@link #flush()}. Between
 * flushes, changed aggregates stay in memory; clean ones are evicted least recently used first
 * once more than {@code cachedAggregates} are held.
 *
 * <p>It writes to the tables it was given: the live tables, or their
 * {@linkplain TableSpec#shadow() shadows} for a replay. Projections always name the live specs.
 *
 * <p>Not thread-safe: one processor thread (or one replay) owns it.
 */
public final class ProjectionRows {

    private final TableStore store;
    private final boolean shadow;
    private final Map<TableSpec, Cache> caches = new HashMap<>();
    /** While {@link #atomically} runs: what each aggregate it changed held before, to put back on failure. */
    private Map<TableSpec, Map<String, Before>> undo;

    private final boolean freshTables;

    /**
     * @param tables           the projection's tables (live specs)
     * @param shadow           write their shadows instead
     * @param cachedAggregates clean aggregates kept in memory per table
     */
    public ProjectionRows(TableStore store, List<TableSpec> tables, boolean shadow, int cachedAggregates) {
        this(store, tables, shadow, cachedAggregates, false);
    }

    /**
     * For tables that were created empty for this instance and that nothing else writes (a replay's
     * shadows): every row they hold was put here, so an aggregate not in memory has none, and is not
     * looked up in the store, as long as no aggregate of that table has been evicted.
     */
    public static ProjectionRows ofFreshTables(
            TableStore store, List<TableSpec> tables, boolean shadow, int cachedAggregates) {
        return new ProjectionRows(store, tables, shadow, cachedAggregates, true);
    }

    private ProjectionRows(
            TableStore store, List<TableSpec> tables, boolean shadow, int cachedAggregates, boolean freshTables) {
        this.store = store;
        this.shadow = shadow;
        this.freshTables = freshTables;
        for (TableSpec table : tables) {
            caches.put(table, new Cache(cachedAggregates));
        }
    }

    /** The rows of {@code aggregateId} in {@code table} (read from the store on first use); do not modify. */
    public List<Object[]> of(TableSpec table, String aggregateId) {
        Cache cache = cache(table);
        List<Object[]> rows = cache.rows.get(aggregateId);
        if (rows == null) {
            rows = freshTables && !cache.evicted
                    ? List.of()
                    : Collections.unmodifiableList(store.rowsOf(target(table), aggregateId));
            cache.rows.put(aggregateId, rows);
        }
        return rows;
    }

    /**
     * For an aggregate's creation event: its rows if they are in memory, else none, without asking
     * the store. If the creation event is handled again after a restart, the events after it are
     * handled again too (a processor resumes from its last token, in order), so the rows end up
     * the same; this saves a read per new aggregate.
     */
    public List<Object[]> ofNew(TableSpec table, String aggregateId) {
        List<Object[]> rows = cache(table).rows.get(aggregateId);
        return rows == null ? List.of() : rows;
    }

    /** Replaces every row of {@code aggregateId} in {@code table}; written at the next {@link #flush()}. */
    public void put(TableSpec table, String aggregateId, List<Object[]> rows) {
        for (Object[] row : rows) {
            if (row.length != table.columns().size()) {
                throw new IllegalArgumentException("row of " + row.length + " values for " + table.qualifiedName());
            }
            Object owner = row[table.aggregateIndex()];
            if (!aggregateId.equals(owner)) {
                throw new IllegalArgumentException(
                        "row of aggregate " + owner + " put for " + aggregateId + " in " + table.qualifiedName());
            }
        }
        Cache cache = cache(table);
        if (undo != null) {
            undo.computeIfAbsent(table, t -> new HashMap<>())
                    .putIfAbsent(
                            aggregateId, new Before(cache.rows.get(aggregateId), cache.dirty.contains(aggregateId)));
        }
        cache.rows.put(aggregateId, Collections.unmodifiableList(new ArrayList<>(rows)));
        cache.dirty.add(aggregateId);
    }

    /**
     * Runs {@code change} (one event) all or nothing: if it throws, every {@link #put} it made is
     * undone before the exception goes on. A failed event that is dead-lettered must leave no half
     * of its rows behind for the rest of the batch to write.
     */
    public void atomically(Runnable change) {
        undo = new HashMap<>();
        try {
            change.run();
        } catch (RuntimeException | Error e) {
            undo.forEach((table, before) -> before.forEach((id, was) -> {
                Cache cache = caches.get(table);
                if (was.rows() == null) {
                    cache.rows.remove(id);
                } else {
                    cache.rows.put(id, was.rows());
                }
                if (!was.dirty()) {
                    cache.dirty.remove(id);
                }
            }));
            throw e;
        } finally {
            undo = null;
        }
    }

    /** Aggregates changed since the last flush, over all tables. */
    public int pending() {
        int pending = 0;
        for (Cache cache : caches.values()) {
            pending += cache.dirty.size();
        }
        return pending;
    }

    /** Writes every changed aggregate in one store transaction. */
    public void flush() {
        Map<TableSpec, AggregateRows> changes = new LinkedHashMap<>();
        for (Map.Entry<TableSpec, Cache> entry : caches.entrySet()) {
            Cache cache = entry.getValue();
            if (cache.dirty.isEmpty()) {
                continue;
            }
            List<Object[]> rows = new ArrayList<>();
            List<String> replaced = new ArrayList<>();
            for (String id : cache.dirty) {
                rows.addAll(cache.rows.get(id));
                // A fresh table holds rows only of aggregates written here before: the others need no delete.
                if (!freshTables || cache.stored.contains(id)) {
                    replaced.add(id);
                }
            }
            changes.put(target(entry.getKey()), new AggregateRows(replaced, rows));
        }
        if (changes.isEmpty()) {
            return;
        }
        store.replace(changes);
        for (Cache cache : caches.values()) {
            if (freshTables) {
                cache.stored.addAll(cache.dirty);
            }
            cache.dirty.clear();
            cache.evictOverflow();
        }
    }

    /** Forgets everything in memory (after a failed write: the store is the truth again). */
    public void discard() {
        for (Cache cache : caches.values()) {
            cache.rows.clear();
            cache.dirty.clear();
            cache.evicted = true;
        }
    }

    private TableSpec target(TableSpec table) {
        return shadow ? table.shadow() : table;
    }

    private Cache cache(TableSpec table) {
        Cache cache = caches.get(table);
        if (cache == null) {
            throw new IllegalArgumentException(table.qualifiedName() + " is not one of this projection's tables "
                    + caches.keySet().stream().map(TableSpec::qualifiedName).toList());
        }
        return cache;
    }

    private record Before(List<Object[]> rows, boolean dirty) {}

    /** One table's aggregates, least recently used first; dirty ones are never evicted. */
    private static final class Cache {
        private final int limit;
        private final LinkedHashMap<String, List<Object[]>> rows = new LinkedHashMap<>(1024, 0.75f, true);
        private final Set<String> dirty = new LinkedHashSet<>();
        /** Of a fresh table: the aggregates written to the store so far. */
        private final Set<String> stored = new HashSet<>();
        /** Whether an aggregate was ever evicted: then a miss may have rows in the store. */
        private boolean evicted;

        Cache(int limit) {
            this.limit = limit;
        }

        void evictOverflow() {
            if (rows.size() <= limit) {
                return;
            }
            Set<String> evicted = new HashSet<>();
            var iterator = rows.keySet().iterator();
            while (rows.size() - evicted.size() > limit && iterator.hasNext()) {
                String id = iterator.next();
                if (!dirty.contains(id)) {
                    evicted.add(id);
                }
            }
            rows.keySet().removeAll(evicted);
            this.evicted |= !evicted.isEmpty();
        }
    }
}
