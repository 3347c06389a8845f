package dev.salesflow.scd2.customer;

import dev.salesflow.events.customer.CustomerEmailChangedEvent;
import dev.salesflow.events.customer.CustomerLoyaltyTierChangedEvent;
import dev.salesflow.events.customer.CustomerMovedEvent;
import dev.salesflow.events.customer.CustomerRegisteredEvent;
import dev.salesflow.projection.runtime.EventContext;
import dev.salesflow.projection.runtime.ProjectionRows;
import dev.salesflow.scd2.Scd2Projection;
import dev.salesflow.scd2.Scd2Table;
import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.ColumnType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * {@code sales_snapshots.customers_scd2}: one version per change of a customer's name, email,
 * country, city or loyalty tier, valid from the business time of the event that made it.
 */
@ProcessingGroup(CustomersScd2Projection.NAME)
public final class CustomersScd2Projection extends Scd2Projection {

    public static final String NAME = "customers-scd2";

    /** What each customer event sets. */
    public enum CustomerChange {
        REGISTERED("name", "email", "country", "city", "loyalty_tier"),
        MOVED("country", "city"),
        EMAIL_CHANGED("email"),
        LOYALTY_TIER_CHANGED("loyalty_tier");

        private final List<String> sets;

        CustomerChange(String... sets) {
            this.sets = List.of(sets);
        }
    }

    public static final Scd2Table TABLE = Scd2Table.of(
            "customers_scd2",
            "customer_id",
            List.of(
                    Column.optional("name", ColumnType.STRING),
                    Column.optional("email", ColumnType.STRING),
                    Column.optional("country", ColumnType.STRING),
                    Column.optional("city", ColumnType.STRING),
                    Column.optional("loyalty_tier", ColumnType.STRING)),
            setBy());

    public CustomersScd2Projection() {
        super(TABLE);
    }

    @EventHandler
    void on(CustomerRegisteredEvent e, EventContext event, ProjectionRows rows) {
        version(
                e,
                ChangeValues.of(
                        CustomerChange.REGISTERED,
                        "name",
                        e.name(),
                        "email",
                        e.email(),
                        "country",
                        e.country(),
                        "city",
                        e.city(),
                        "loyalty_tier",
                        e.loyaltyTier()),
                event,
                rows);
    }

    @EventHandler
    void on(CustomerMovedEvent e, EventContext event, ProjectionRows rows) {
        version(e, ChangeValues.of(CustomerChange.MOVED, "country", e.country(), "city", e.city()), event, rows);
    }

    @EventHandler
    void on(CustomerEmailChangedEvent e, EventContext event, ProjectionRows rows) {
        version(e, ChangeValues.of(CustomerChange.EMAIL_CHANGED, "email", e.email()), event, rows);
    }

    @EventHandler
    void on(CustomerLoyaltyTierChangedEvent e, EventContext event, ProjectionRows rows) {
        version(e, ChangeValues.of(CustomerChange.LOYALTY_TIER_CHANGED, "loyalty_tier", e.loyaltyTier()), event, rows);
    }

    private static Map<String, List<String>> setBy() {
        Map<String, List<String>> setBy = new LinkedHashMap<>();
        Arrays.stream(CustomerChange.values()).forEach(change -> setBy.put(change.name(), change.sets));
        return setBy;
    }
}
