package dev.salesflow.projections;

import dev.salesflow.projection.runtime.Projection;
import dev.salesflow.projection.runtime.ProjectionEventHandler;
import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.table.DuckDbTableStore;
import dev.salesflow.warehouse.table.TableSpec;
import dev.salesflow.warehouse.table.TableStore.TableChecksum;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;

/**
 * A projection run live on a real DuckDB file: events are handed to its
 * {@link ProjectionEventHandler} the way a tracking processor does (a batch in one unit of work).
 * {@link #event} numbers each aggregate's events and names them {@code <aggregate>#<sequence>}.
 */
public final class SilverHarness implements AutoCloseable {

    private final Projection projection;
    private final DuckDbWarehouse warehouse;
    private final DuckDbTableStore store;
    private AnnotationEventHandlerAdapter adapter;
    private final Map<String, Long> sequences = new HashMap<>();

    public SilverHarness(Projection projection, Path file) {
        this.projection = projection;
        this.warehouse = DuckDbWarehouse.open(file);
        this.store = new DuckDbTableStore(warehouse);
        restart();
    }

    /** A new handler on the same tables, with nothing in memory (a restarted application). */
    public void restart() {
        adapter = new AnnotationEventHandlerAdapter(new ProjectionEventHandler(projection, store));
    }

    /** The next event of {@code aggregateId}. */
    public DomainEventMessage<?> event(String type, String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        return new GenericDomainEventMessage<>(
                type,
                aggregateId,
                sequence,
                payload,
                MetaData.emptyInstance(),
                aggregateId + "#" + sequence,
                Instant.EPOCH);
    }

    /** Handles the events as one batch, committed at the end. */
    public void handle(List<? extends EventMessage<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        BatchingUnitOfWork<EventMessage<?>> unit = new BatchingUnitOfWork<>(new ArrayList<>(events));
        unit.executeWithResult(() -> {
            adapter.handle(unit.getMessage());
            return null;
        });
        if (unit.getExecutionResult().isExceptionResult()) {
            throw new IllegalStateException(
                    "batch failed", unit.getExecutionResult().getExceptionResult());
        }
    }

    public void handle(EventMessage<?>... events) {
        handle(List.of(events));
    }

    /** Checksums of every table of the projection. */
    public List<TableChecksum> checksums() {
        return projection.tables().stream().map(store::checksum).toList();
    }

    /** The rows of a table as column → value maps (JDBC values), ordered by its key. */
    public List<Map<String, Object>> rows(TableSpec table) {
        String sql = "select * from " + table.qualifiedName() + " order by " + String.join(", ", table.key());
        return warehouse.query(sql, result -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                row.put(result.getMetaData().getColumnName(i), result.getObject(i));
            }
            return row;
        });
    }

    public DuckDbWarehouse warehouse() {
        return warehouse;
    }

    @Override
    public void close() {
        store.close();
        warehouse.close();
    }
}
