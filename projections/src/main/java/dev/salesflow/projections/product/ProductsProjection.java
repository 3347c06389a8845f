package dev.salesflow.projections.product;

import dev.salesflow.events.product.ProductDiscontinuedEvent;
import dev.salesflow.events.product.ProductListedEvent;
import dev.salesflow.events.product.ProductRecategorisedEvent;
import dev.salesflow.events.product.ProductRepricedEvent;
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
 * Silver group {@code silver-products}: {@code sales_silver.products}, one row per product with
 * its current state (status ACTIVE or DISCONTINUED). The price and the category keep the business
 * time of the change they show ({@code price_changed_at}, {@code category_changed_at}); a change
 * from earlier in business time is not applied ({@link BusinessTime}). {@code updated_at} is the
 * business time of the latest change the row shows.
 */
@ProcessingGroup(ProductsProjection.NAME)
public final class ProductsProjection implements Projection {

    public static final String NAME = "silver-products";
    public static final String ACTIVE = "ACTIVE";
    public static final String DISCONTINUED = "DISCONTINUED";

    public static final TableSpec PRODUCTS = new TableSpec(
            "sales_silver",
            "products",
            List.of(
                    Column.required("product_id", ColumnType.STRING),
                    Column.required("sku", ColumnType.STRING),
                    Column.required("name", ColumnType.STRING),
                    Column.optional("brand", ColumnType.STRING),
                    Column.required("category", ColumnType.STRING),
                    Column.optional("subcategory", ColumnType.STRING),
                    Column.money("list_price", false),
                    Column.required("currency", ColumnType.STRING),
                    Column.required("status", ColumnType.STRING),
                    Column.required("listed_at", ColumnType.TIMESTAMP),
                    Column.optional("discontinued_at", ColumnType.TIMESTAMP),
                    Column.required("price_changed_at", ColumnType.TIMESTAMP),
                    Column.required("category_changed_at", ColumnType.TIMESTAMP),
                    Column.required("updated_at", ColumnType.TIMESTAMP),
                    Column.required("last_sequence_number", ColumnType.INT64)),
            List.of("product_id"),
            "product_id");

    private static final CurrentStateTable<ProductRow> STATE = new CurrentStateTable<>(PRODUCTS, ProductRow::of);

    @Override
    public List<TableSpec> tables() {
        return List.of(PRODUCTS);
    }

    @EventHandler
    void on(ProductListedEvent p, EventContext event, ProjectionRows rows) {
        Instant at = p.listedAt();
        STATE.create(
                p.productId(),
                event,
                rows,
                new ProductRow(
                        p.productId(),
                        p.sku(),
                        p.name(),
                        p.brand(),
                        p.category(),
                        p.subcategory(),
                        p.price(),
                        p.currency(),
                        ACTIVE,
                        at,
                        null,
                        at,
                        at,
                        at,
                        event.sequenceNumber()));
    }

    @EventHandler
    void on(ProductRepricedEvent repriced, EventContext event, ProjectionRows rows) {
        STATE.change(
                repriced.productId(),
                repriced.repricedAt(),
                ProductRow::priceChangedAt,
                event,
                rows,
                (row, at) -> row.repriced(repriced.price(), repriced.currency(), at));
    }

    @EventHandler
    void on(ProductRecategorisedEvent recategorised, EventContext event, ProjectionRows rows) {
        STATE.change(
                recategorised.productId(),
                recategorised.recategorisedAt(),
                ProductRow::categoryChangedAt,
                event,
                rows,
                (row, at) -> row.recategorised(recategorised.category(), recategorised.subcategory(), at));
    }

    @EventHandler
    void on(ProductDiscontinuedEvent discontinued, EventContext event, ProjectionRows rows) {
        // Discontinuing is final (the domain has no relisting), so its time only needs recording.
        STATE.change(
                discontinued.productId(),
                discontinued.discontinuedAt(),
                ProductRow::discontinuedAt,
                event,
                rows,
                (row, at) -> row.discontinued(at));
    }
}
