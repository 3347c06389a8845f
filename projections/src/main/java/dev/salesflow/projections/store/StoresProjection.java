package dev.salesflow.projections.store;

import dev.salesflow.domain.api.store.StoreClosedEvent;
import dev.salesflow.domain.api.store.StoreOpenedEvent;
import dev.salesflow.projections.support.BusinessTime;
import dev.salesflow.projections.support.EventContext;
import dev.salesflow.projections.support.Projection;
import dev.salesflow.projections.support.ProjectionRows;
import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.ColumnType;
import dev.salesflow.warehouse.table.TableSpec;
import java.time.Instant;
import java.util.List;

/**
 * Silver group {@code silver-stores}: {@code sales_silver.stores}, one row per store with its
 * current state (status OPEN or CLOSED). Closing is final, so a close is always applied;
 * {@code updated_at} is the business time of the latest change ({@link BusinessTime}).
 */
public final class StoresProjection implements Projection {

    public static final String NAME = "silver-stores";
    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";

    public static final TableSpec STORES = new TableSpec("sales_silver", "stores", List.of(
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
            List.of("store_id"), "store_id");

    private static final int STATUS = 7;
    private static final int CLOSED_AT = 8;
    private static final int UPDATED_AT = 9;
    private static final int LAST_SEQUENCE_NUMBER = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TableSpec> tables() {
        return List.of(STORES);
    }

    @Override
    public void apply(Object payload, EventContext event, ProjectionRows rows) {
        if (payload instanceof StoreOpenedEvent opened) {
            List<Object[]> current = rows.ofNew(STORES, opened.storeId());
            if (!current.isEmpty() && (Long) current.get(0)[LAST_SEQUENCE_NUMBER] >= event.sequenceNumber()) {
                return;
            }
            rows.put(STORES, opened.storeId(), List.<Object[]>of(STORES.row(opened.storeId(), opened.name(),
                    opened.country(), opened.city(), opened.kind(), opened.currency(), opened.openedAt(), OPEN, null,
                    opened.openedAt(), event.sequenceNumber())));
        } else if (payload instanceof StoreClosedEvent closed) {
            List<Object[]> current = rows.of(STORES, closed.storeId());
            if (current.isEmpty() || (Long) current.get(0)[LAST_SEQUENCE_NUMBER] >= event.sequenceNumber()) {
                return;
            }
            Object[] row = current.get(0).clone();
            row[STATUS] = CLOSED;
            row[CLOSED_AT] = closed.closedAt();
            row[UPDATED_AT] = BusinessTime.latest(closed.closedAt(), (Instant) row[UPDATED_AT]);
            row[LAST_SEQUENCE_NUMBER] = event.sequenceNumber();
            rows.put(STORES, closed.storeId(), List.<Object[]>of(STORES.row(row)));
        }
    }
}
