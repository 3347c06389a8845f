package dev.salesflow.projections.store;

import dev.salesflow.events.store.StoreClosedEvent;
import dev.salesflow.events.store.StoreOpenedEvent;
import dev.salesflow.projection.runtime.CurrentStateTable;
import dev.salesflow.projection.runtime.EventContext;
import dev.salesflow.projection.runtime.Projection;
import dev.salesflow.projection.runtime.ProjectionRows;
import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.ColumnType;
import dev.salesflow.warehouse.table.TableSpec;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Silver group {@code silver-stores}: {@code sales_silver.stores}, one row per store with its
 * current state (status OPEN or CLOSED). Closing is final, so a close is always applied;
 * {@code updated_at} is the business time of the latest change ({@link BusinessTime}).
 */
@ProcessingGroup(StoresProjection.NAME)
public final class StoresProjection implements Projection {

    public static final String NAME = "silver-stores";
    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";

    public static final TableSpec STORES = new TableSpec(
            "sales_silver",
            "stores",
            List.of(
                    Column.required("store_id", ColumnType.STRING),
                    Column.required("name", ColumnType.STRING),
                    Column.required("country", ColumnType.STRING),
                    Column.required("city", ColumnType.STRING),
                    Column.required("kind", ColumnType.STRING),
                    Column.optional("currency", ColumnType.STRING),
                    Column.required("opened_at", ColumnType.TIMESTAMP),
                    Column.required("status", ColumnType.STRING),
                    Column.optional("closed_at", ColumnType.TIMESTAMP),
                    Column.required("updated_at", ColumnType.TIMESTAMP),
                    Column.required("last_sequence_number", ColumnType.INT64)),
            List.of("store_id"),
            "store_id");

    private static final CurrentStateTable<StoreRow> STATE = new CurrentStateTable<>(STORES, StoreRow::of);

    @Override
    public List<TableSpec> tables() {
        return List.of(STORES);
    }

    @EventHandler
    void on(StoreOpenedEvent opened, EventContext event, ProjectionRows rows) {
        STATE.create(
                opened.storeId(),
                event,
                rows,
                new StoreRow(
                        opened.storeId(),
                        opened.name(),
                        opened.country(),
                        opened.city(),
                        opened.kind() == null ? null : opened.kind().name(),
                        opened.currency(),
                        opened.openedAt(),
                        OPEN,
                        null,
                        opened.openedAt(),
                        event.sequenceNumber()));
    }

    @EventHandler
    void on(StoreClosedEvent closed, EventContext event, ProjectionRows rows) {
        // Closing is final (the domain refuses a second closure), so its time only needs recording.
        STATE.change(closed.storeId(), closed.closedAt(), StoreRow::closedAt, event, rows, (row, at) -> row.closed(at));
    }
}
