package dev.salesflow.projections.product;

import dev.salesflow.projection.runtime.CurrentStateTable;
import java.math.BigDecimal;
import java.time.Instant;

/** One row of {@code sales_silver.products}: a product as of the latest business time. */
record ProductRow(
        String productId,
        String sku,
        String name,
        String brand,
        String category,
        String subcategory,
        BigDecimal listPrice,
        String currency,
        String status,
        Instant listedAt,
        Instant discontinuedAt,
        Instant priceChangedAt,
        Instant categoryChangedAt,
        Instant updatedAt,
        long lastSequenceNumber)
        implements CurrentStateTable.Row<ProductRow> {

    static ProductRow of(Object[] row) {
        return new ProductRow(
                (String) row[0],
                (String) row[1],
                (String) row[2],
                (String) row[3],
                (String) row[4],
                (String) row[5],
                (BigDecimal) row[6],
                (String) row[7],
                (String) row[8],
                (Instant) row[9],
                (Instant) row[10],
                (Instant) row[11],
                (Instant) row[12],
                (Instant) row[13],
                (Long) row[14]);
    }

    @Override
    public Object[] toRow() {
        return ProductsProjection.PRODUCTS.row(
                productId,
                sku,
                name,
                brand,
                category,
                subcategory,
                listPrice,
                currency,
                status,
                listedAt,
                discontinuedAt,
                priceChangedAt,
                categoryChangedAt,
                updatedAt,
                lastSequenceNumber);
    }

    @Override
    public ProductRow at(Instant updated, long sequenceNumber) {
        return new ProductRow(
                productId,
                sku,
                name,
                brand,
                category,
                subcategory,
                listPrice,
                currency,
                status,
                listedAt,
                discontinuedAt,
                priceChangedAt,
                categoryChangedAt,
                updated,
                sequenceNumber);
    }

    /** A new price; the currency only if the event names one. */
    ProductRow repriced(BigDecimal price, String newCurrency, Instant at) {
        return new ProductRow(
                productId,
                sku,
                name,
                brand,
                category,
                subcategory,
                price,
                newCurrency != null ? newCurrency : currency,
                status,
                listedAt,
                discontinuedAt,
                at,
                categoryChangedAt,
                updatedAt,
                lastSequenceNumber);
    }

    ProductRow recategorised(String newCategory, String newSubcategory, Instant at) {
        return new ProductRow(
                productId,
                sku,
                name,
                brand,
                newCategory,
                newSubcategory,
                listPrice,
                currency,
                status,
                listedAt,
                discontinuedAt,
                priceChangedAt,
                at,
                updatedAt,
                lastSequenceNumber);
    }

    ProductRow discontinued(Instant at) {
        return new ProductRow(
                productId,
                sku,
                name,
                brand,
                category,
                subcategory,
                listPrice,
                currency,
                ProductsProjection.DISCONTINUED,
                listedAt,
                at,
                priceChangedAt,
                categoryChangedAt,
                updatedAt,
                lastSequenceNumber);
    }
}
