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
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

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

    public static final TableSpec CUSTOMERS = new TableSpec(
            "sales_silver",
            "customers",
            List.of(
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
            List.of("customer_id"),
            "customer_id");

    private static final CurrentStateTable<CustomerRow> STATE = new CurrentStateTable<>(CUSTOMERS, CustomerRow::of);

    @Override
    public List<TableSpec> tables() {
        return List.of(CUSTOMERS);
    }

    @EventHandler
    void on(CustomerRegisteredEvent c, EventContext event, ProjectionRows rows) {
        Instant at = c.registeredAt();
        STATE.create(
                c.customerId(),
                event,
                rows,
                new CustomerRow(
                        c.customerId(),
                        c.name(),
                        c.email(),
                        c.country(),
                        c.city(),
                        c.preferredCurrency(),
                        nameOf(c.loyaltyTier()),
                        at,
                        at,
                        at,
                        at,
                        at,
                        event.sequenceNumber()));
    }

    @EventHandler
    void on(CustomerMovedEvent moved, EventContext event, ProjectionRows rows) {
        STATE.change(
                moved.customerId(),
                moved.movedAt(),
                CustomerRow::addressChangedAt,
                event,
                rows,
                (row, at) -> row.moved(moved.country(), moved.city(), at));
    }

    @EventHandler
    void on(CustomerEmailChangedEvent changed, EventContext event, ProjectionRows rows) {
        STATE.change(
                changed.customerId(),
                changed.changedAt(),
                CustomerRow::emailChangedAt,
                event,
                rows,
                (row, at) -> row.emailChanged(changed.email(), at));
    }

    @EventHandler
    void on(CustomerLoyaltyTierChangedEvent changed, EventContext event, ProjectionRows rows) {
        STATE.change(
                changed.customerId(),
                changed.changedAt(),
                CustomerRow::loyaltyTierChangedAt,
                event,
                rows,
                (row, at) -> row.loyaltyTierChanged(nameOf(changed.loyaltyTier()), at));
    }

    private static String nameOf(Enum<?> constant) {
        return constant == null ? null : constant.name();
    }
}
