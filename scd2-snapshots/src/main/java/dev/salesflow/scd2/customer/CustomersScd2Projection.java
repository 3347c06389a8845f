package dev.salesflow.scd2.customer;

import dev.salesflow.domain.api.customer.CustomerRegisteredEvent;
import dev.salesflow.projections.support.WarehouseWrites;
import dev.salesflow.scd2.ScdId;
import dev.salesflow.warehouse.Warehouse;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * {@code sales_snapshots.customers_scd2}: one row per version of a customer, valid from the
 * business time of the event that made it. A registration opens the first version; profile
 * changes (a later issue) close the current version and open the next.
 */
@ProcessingGroup(CustomersScd2Projection.PROCESSING_GROUP)
public class CustomersScd2Projection {

    public static final String PROCESSING_GROUP = "customers-scd2";

    private static final String INSERT_VERSION = """
            insert or ignore into sales_snapshots.customers_scd2 (dbt_scd_id, customer_id, sequence_number, name,
                email, country, city, dbt_valid_from, dbt_valid_to, dbt_updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, null, ?)""";

    private final Warehouse warehouse;
    private final WarehouseWrites writes;

    public CustomersScd2Projection(Warehouse warehouse) {
        this.warehouse = warehouse;
        this.writes = new WarehouseWrites(warehouse, PROCESSING_GROUP);
        warehouse.executeScript("scd2/duckdb/snapshot_tables.sql");
    }

    @EventHandler
    void on(CustomerRegisteredEvent event, @SequenceNumber long sequenceNumber) {
        writes.upsert(INSERT_VERSION, 1, ScdId.of(event.customerId(), sequenceNumber), event.customerId(), sequenceNumber,
                event.name(), event.email(), event.country(), event.city(), event.registeredAt(),
                event.registeredAt());
    }

    @ResetHandler
    void reset() {
        warehouse.execute("delete from sales_snapshots.customers_scd2");
    }
}
