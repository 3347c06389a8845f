package dev.salesflow.projections.customer;

import dev.salesflow.events.customer.CustomerEmailChangedEvent;
import dev.salesflow.events.customer.CustomerLoyaltyTierChangedEvent;
import dev.salesflow.events.customer.CustomerMovedEvent;
import dev.salesflow.events.customer.CustomerRegisteredEvent;
import dev.salesflow.projection.runtime.CurrentStateTable;
import dev.salesflow.projection.runtime.EventContext;
import dev.salesflow.projection.runtime.Projection;
import dev.salesflow.projection.runtime.ProjectionRows;
import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.ColumnType;
import dev.salesflow.warehouse.table.TableSpec;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import java.time.Instant;
import java.util.List;

/**
 * Silver group {@code silver-customers}: {@code sales_silver.customers}, one row per customer
 * with its current state. Each changeable attribute keeps the business time of the change it
 * shows ({@code address_changed_at}, {@code email_changed_at}, {@code loyalty_tier_changed_at});
 * a change from earlier in business time than that is not applied ({@link BusinessTime}), so
 * the row is the state as of the latest business time. {@code updated_at} is the business time
 * of the latest change the row shows.
 */
@ProcessingGroup(CustomersProjection.NAME)
public final class CustomersProjection implements Projection {

    public static final String NAME = "silver-customers";

    public static final TableSpec CUSTOMERS = new TableSpec("sales_silver", "customers", List.of(
            Column.required("customer_id", ColumnType.STRING),
            Column.required("name", ColumnType.STRING),
            Column.required("email", ColumnType.STRING),
            Column.required("country", ColumnType.STRING),
            Column.required("city", ColumnType.STRING),
            Column.optional("preferred_currency", ColumnType.STRING),
            Column.required("loyalty_tier", ColumnType.STRING),
            Column.required("registered_at", ColumnType.TIMESTAMP),
            Column.required("address_changed_at", ColumnType.TIMESTAMP),
            Column.required("email_changed_at", ColumnType.TIMESTAMP),
            Column.required("loyalty_tier_changed_at", ColumnType.TIMESTAMP),
            Column.required("updated_at", ColumnType.TIMESTAMP),
            Column.required("last_sequence_number", ColumnType.INT64)),
            List.of("customer_id"), "customer_id");

    private static final int EMAIL = 2;
    private static final int COUNTRY = 3;
    private static final int CITY = 4;
    private static final int LOYALTY_TIER = 6;
    private static final int ADDRESS_CHANGED_AT = 8;
    private static final int EMAIL_CHANGED_AT = 9;
    private static final int LOYALTY_TIER_CHANGED_AT = 10;

    private static final CurrentStateTable STATE = new CurrentStateTable(CUSTOMERS);

    @Override
    public List<TableSpec> tables() {
        return List.of(CUSTOMERS);
    }

    @EventHandler
    void on(CustomerRegisteredEvent c, EventContext event, ProjectionRows rows) {
        Instant at = c.registeredAt();
        STATE.create(c.customerId(), event, rows, c.customerId(), c.name(), c.email(), c.country(), c.city(),
                c.preferredCurrency(), c.loyaltyTier(), at, at, at, at, at, event.sequenceNumber());
    }

    @EventHandler
    void on(CustomerMovedEvent moved, EventContext event, ProjectionRows rows) {
        STATE.change(moved.customerId(), moved.movedAt(), ADDRESS_CHANGED_AT, event, rows, row -> {
            row[COUNTRY] = moved.country();
            row[CITY] = moved.city();
        });
    }

    @EventHandler
    void on(CustomerEmailChangedEvent changed, EventContext event, ProjectionRows rows) {
        STATE.change(changed.customerId(), changed.changedAt(), EMAIL_CHANGED_AT, event, rows,
                row -> row[EMAIL] = changed.email());
    }

    @EventHandler
    void on(CustomerLoyaltyTierChangedEvent changed, EventContext event, ProjectionRows rows) {
        STATE.change(changed.customerId(), changed.changedAt(), LOYALTY_TIER_CHANGED_AT, event, rows,
                row -> row[LOYALTY_TIER] = changed.loyaltyTier());
    }
}
