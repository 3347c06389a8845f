package dev.salesflow.projections.store;

import dev.salesflow.domain.api.store.StoreOpenedEvent;
import dev.salesflow.projections.SilverTables;
import dev.salesflow.projections.support.WarehouseWrites;
import dev.salesflow.warehouse.Warehouse;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;

/** {@code sales_silver.stores}: the current state of every store, keyed by store id. */
@ProcessingGroup(StoresProjection.PROCESSING_GROUP)
public class StoresProjection {

    public static final String PROCESSING_GROUP = "stores";

    private static final String UPSERT = """
            insert or replace into sales_silver.stores (store_id, name, country, city, kind, currency, opened_at,
                event_id)
            values (?, ?, ?, ?, ?, ?, ?, ?)""";

    private final Warehouse warehouse;
    private final WarehouseWrites writes;

    public StoresProjection(Warehouse warehouse) {
        this.warehouse = warehouse;
        this.writes = new WarehouseWrites(warehouse, PROCESSING_GROUP);
        SilverTables.create(warehouse);
    }

    @EventHandler
    void on(StoreOpenedEvent event, @MessageIdentifier String eventId) {
        writes.upsert(UPSERT, 1, event.storeId(), event.name(), event.country(), event.city(), event.kind(),
                event.currency(), event.openedAt(), eventId);
    }

    @ResetHandler
    void reset() {
        warehouse.execute("delete from sales_silver.stores");
    }
}
