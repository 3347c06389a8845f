package dev.salesflow.generator.catalogue;

import java.math.BigDecimal;

/**
 * A product as the simulator knows it.
 *
 * @param listPriceEur list price in EUR, scale 2
 * @param popularity   relative chance of landing in a basket
 */
public record CatalogueProduct(
        String productId,
        String sku,
        String name,
        String brand,
        Category category,
        BigDecimal listPriceEur,
        double popularity) {
}
