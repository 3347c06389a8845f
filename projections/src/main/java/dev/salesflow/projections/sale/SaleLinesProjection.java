package dev.salesflow.projections.sale;

import dev.salesflow.domain.api.sale.SaleLine;
import dev.salesflow.domain.api.sale.SalePlacedEvent;
import dev.salesflow.projections.SilverTables;
import dev.salesflow.projections.support.WarehouseWrites;
import dev.salesflow.warehouse.Warehouse;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;

/**
 * {@code sales_silver.sale_lines}: one row per order line, keyed by sale id and line number. The
 * line's {@code amount} is its net amount (after the line's discount), what the customer pays.
 */
@ProcessingGroup(SaleLinesProjection.PROCESSING_GROUP)
public class SaleLinesProjection {

    public static final String PROCESSING_GROUP = "sale-lines";

    private static final String UPSERT = """
            insert or replace into sales_silver.sale_lines (sale_id, line_number, event_id, customer_id, store_id,
                channel, payment_method, currency, placed_at, product_id, quantity, unit_price, discount, amount)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final Warehouse warehouse;
    private final WarehouseWrites writes;

    public SaleLinesProjection(Warehouse warehouse) {
        this.warehouse = warehouse;
        this.writes = new WarehouseWrites(warehouse, PROCESSING_GROUP);
        SilverTables.create(warehouse);
    }

    @EventHandler
    void on(SalePlacedEvent event, @MessageIdentifier String eventId) {
        for (int i = 0; i < event.lines().size(); i++) {
            SaleLine line = event.lines().get(i);
            writes.upsert(UPSERT, 2, event.saleId(), i + 1, eventId, event.customerId(), event.storeId(), event.channel(),
                    event.paymentMethod(), event.currency(), event.placedAt(), line.productId(), line.quantity(),
                    line.unitPrice(), line.discount(), line.netAmount());
        }
    }

    @ResetHandler
    void reset() {
        warehouse.execute("delete from sales_silver.sale_lines");
    }
}
