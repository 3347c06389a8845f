package dev.salesflow.warehouse.bigquery;

import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.ColumnType;
import dev.salesflow.warehouse.table.TableSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The read-model tables the BigQuery statements are checked against, built from the contract in
 * docs/projections.md and the specs of the projections and SCD2 modules as they were written when
 * this test was (this module cannot depend on those modules: they depend on the warehouse port, and
 * the app picks the store). When a table changes there, change it here; add new tables to {@link #ALL}.
 */
final class ReadModelTables {

    /** decimals of FX rates in silver (more than NUMERIC's 9: the store uses BIGNUMERIC) */
    static final int RATE_SCALE = 10;

    static final TableSpec SALE_LINES = new TableSpec("sales_silver", "sale_lines", List.of(
            Column.required("sale_id", ColumnType.STRING),
            Column.required("line_number", ColumnType.INT64),
            Column.required("event_id", ColumnType.STRING),
            Column.required("customer_id", ColumnType.STRING),
            Column.required("store_id", ColumnType.STRING),
            Column.required("channel", ColumnType.STRING),
            Column.required("payment_method", ColumnType.STRING),
            Column.required("currency", ColumnType.STRING),
            Column.required("placed_at", ColumnType.TIMESTAMP),
            Column.required("product_id", ColumnType.STRING),
            Column.required("quantity", ColumnType.INT64),
            Column.money("unit_price", false),
            Column.money("discount", false),
            Column.money("amount", false),
            Column.required("status", ColumnType.STRING),
            Column.optional("fulfilled_at", ColumnType.TIMESTAMP),
            Column.optional("cancelled_at", ColumnType.TIMESTAMP),
            Column.required("refunded_quantity", ColumnType.INT64),
            Column.money("refunded_amount", false),
            Column.money("net_amount", false),
            Column.required("reporting_currency", ColumnType.STRING),
            Column.decimal("fx_rate", RATE_SCALE, true),
            Column.optional("fx_rate_day", ColumnType.DATE),
            Column.money("amount_reporting", true),
            Column.money("refunded_amount_reporting", true),
            Column.money("net_amount_reporting", true),
            Column.required("last_sequence_number", ColumnType.INT64)),
            List.of("sale_id", "line_number"), "sale_id");

    static final TableSpec FX_RATES = new TableSpec("sales_silver", "fx_rates", List.of(
            Column.required("base_currency", ColumnType.STRING),
            Column.required("currency", ColumnType.STRING),
            Column.required("day", ColumnType.DATE),
            Column.decimal("rate", RATE_SCALE, false),
            Column.required("published_at", ColumnType.TIMESTAMP),
            Column.required("event_id", ColumnType.STRING),
            Column.required("last_sequence_number", ColumnType.INT64)),
            List.of("base_currency", "currency", "day"), "base_currency");

    static final TableSpec CUSTOMERS = new TableSpec("sales_silver", "customers", List.of(
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

    static final TableSpec PRODUCTS = new TableSpec("sales_silver", "products", List.of(
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
            List.of("product_id"), "product_id");

    static final TableSpec STORES = new TableSpec("sales_silver", "stores", List.of(
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

    static final TableSpec CUSTOMERS_SCD2 = scd2("customers_scd2", "customer_id", List.of(
            Column.optional("name", ColumnType.STRING),
            Column.optional("email", ColumnType.STRING),
            Column.optional("country", ColumnType.STRING),
            Column.optional("city", ColumnType.STRING),
            Column.optional("loyalty_tier", ColumnType.STRING)));

    static final TableSpec PRODUCTS_SCD2 = scd2("products_scd2", "product_id", List.of(
            Column.optional("sku", ColumnType.STRING),
            Column.optional("name", ColumnType.STRING),
            Column.optional("brand", ColumnType.STRING),
            Column.optional("category", ColumnType.STRING),
            Column.optional("subcategory", ColumnType.STRING),
            Column.decimal("list_price", 4, true),
            Column.optional("currency", ColumnType.STRING),
            Column.optional("status", ColumnType.STRING)));

    /** Every read-model table the projections write; extend when one is added. */
    static final List<TableSpec> ALL = List.of(SALE_LINES, FX_RATES, CUSTOMERS, PRODUCTS, STORES, CUSTOMERS_SCD2,
            PRODUCTS_SCD2);

    private ReadModelTables() {
    }

    /** dbt-compatible SCD2 history: versions grouped by the entity key. */
    private static TableSpec scd2(String name, String keyColumn, List<Column> attributes) {
        List<Column> columns = new ArrayList<>();
        columns.add(Column.required("dbt_scd_id", ColumnType.STRING));
        columns.add(Column.required(keyColumn, ColumnType.STRING));
        columns.add(Column.required("sequence_number", ColumnType.INT64));
        columns.add(Column.required("change_type", ColumnType.STRING));
        columns.addAll(attributes);
        columns.add(Column.required("dbt_valid_from", ColumnType.TIMESTAMP));
        columns.add(Column.optional("dbt_valid_to", ColumnType.TIMESTAMP));
        columns.add(Column.required("dbt_updated_at", ColumnType.TIMESTAMP));
        columns.add(Column.required("is_current", ColumnType.BOOL));
        return new TableSpec("sales_snapshots", name, columns, List.of("dbt_scd_id"), keyColumn);
    }
}
