package dev.salesflow.scd2.product;

import dev.salesflow.events.product.ProductDiscontinuedEvent;
import dev.salesflow.events.product.ProductListedEvent;
import dev.salesflow.events.product.ProductRecategorisedEvent;
import dev.salesflow.events.product.ProductRepricedEvent;
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
 * {@code sales_snapshots.products_scd2}: one version per listing, reprice, recategorisation or
 * discontinuation of a product, valid from the business time of the event that made it.
 * {@code status} is {@code ACTIVE} from the listing and {@code DISCONTINUED} from the
 * discontinuation on.
 */
@ProcessingGroup(ProductsScd2Projection.NAME)
public final class ProductsScd2Projection extends Scd2Projection {

    public static final String NAME = "products-scd2";
    public static final String STATUS_ACTIVE = "ACTIVE";
    public static final String STATUS_DISCONTINUED = "DISCONTINUED";

    /** What each product event sets. */
    public enum ProductChange {
        LISTED("sku", "name", "brand", "category", "subcategory", "list_price", "currency", "status"),
        REPRICED("list_price", "currency"),
        RECATEGORISED("category", "subcategory"),
        DISCONTINUED("status");

        private final List<String> sets;

        ProductChange(String... sets) {
            this.sets = List.of(sets);
        }
    }

    public static final Scd2Table TABLE = Scd2Table.of(
            "products_scd2",
            "product_id",
            List.of(
                    Column.optional("sku", ColumnType.STRING),
                    Column.optional("name", ColumnType.STRING),
                    Column.optional("brand", ColumnType.STRING),
                    Column.optional("category", ColumnType.STRING),
                    Column.optional("subcategory", ColumnType.STRING),
                    // Four decimals: ISO 4217 currencies have up to four minor units; the domain checks the currency's
                    // own.
                    Column.decimal("list_price", 4, true),
                    Column.optional("currency", ColumnType.STRING),
                    Column.optional("status", ColumnType.STRING)),
            setBy());

    public ProductsScd2Projection() {
        super(TABLE);
    }

    @EventHandler
    void on(ProductListedEvent e, EventContext event, ProjectionRows rows) {
        version(
                e,
                ChangeValues.of(
                        ProductChange.LISTED,
                        "sku",
                        e.sku(),
                        "name",
                        e.name(),
                        "brand",
                        e.brand(),
                        "category",
                        e.category(),
                        "subcategory",
                        e.subcategory(),
                        "list_price",
                        e.price(),
                        "currency",
                        e.currency(),
                        "status",
                        STATUS_ACTIVE),
                event,
                rows);
    }

    @EventHandler
    void on(ProductRepricedEvent e, EventContext event, ProjectionRows rows) {
        version(
                e,
                ChangeValues.of(ProductChange.REPRICED, "list_price", e.price(), "currency", e.currency()),
                event,
                rows);
    }

    @EventHandler
    void on(ProductRecategorisedEvent e, EventContext event, ProjectionRows rows) {
        version(
                e,
                ChangeValues.of(ProductChange.RECATEGORISED, "category", e.category(), "subcategory", e.subcategory()),
                event,
                rows);
    }

    @EventHandler
    void on(ProductDiscontinuedEvent e, EventContext event, ProjectionRows rows) {
        version(e, ChangeValues.of(ProductChange.DISCONTINUED, "status", STATUS_DISCONTINUED), event, rows);
    }

    private static Map<String, List<String>> setBy() {
        Map<String, List<String>> setBy = new LinkedHashMap<>();
        Arrays.stream(ProductChange.values()).forEach(change -> setBy.put(change.name(), change.sets));
        return setBy;
    }
}
