package dev.salesflow.projections.store;

import dev.salesflow.projection.runtime.CurrentStateTable;
import java.time.Instant;

/** One row of {@code sales_silver.stores}: a store as of the latest business time. */
record StoreRow(
        String storeId,
        String name,
        String country,
        String city,
        String kind,
        String currency,
        Instant openedAt,
        String status,
        Instant closedAt,
        Instant updatedAt,
        long lastSequenceNumber)
        implements CurrentStateTable.Row<StoreRow> {

    static StoreRow of(Object[] row) {
        return new StoreRow(
                (String) row[0],
                (String) row[1],
                (String) row[2],
                (String) row[3],
                (String) row[4],
                (String) row[5],
                (Instant) row[6],
                (String) row[7],
                (Instant) row[8],
                (Instant) row[9],
                (Long) row[10]);
    }

    @Override
    public Object[] toRow() {
        return StoresProjection.STORES.row(
                storeId,
                name,
                country,
                city,
                kind,
                currency,
                openedAt,
                status,
                closedAt,
                updatedAt,
                lastSequenceNumber);
    }

    @Override
    public StoreRow at(Instant updated, long sequenceNumber) {
        return new StoreRow(
                storeId, name, country, city, kind, currency, openedAt, status, closedAt, updated, sequenceNumber);
    }

    StoreRow closed(Instant at) {
        return new StoreRow(
                storeId,
                name,
                country,
                city,
                kind,
                currency,
                openedAt,
                StoresProjection.CLOSED,
                at,
                updatedAt,
                lastSequenceNumber);
    }
}
