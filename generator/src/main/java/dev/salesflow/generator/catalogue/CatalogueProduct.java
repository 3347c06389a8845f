package dev.salesflow.generator.catalogue;

import java.math.BigDecimal;

/**
 * A product as the simulator knows it when it is listed.
 *
 * @param index        position in the product sequence (replacements continue after the initial range)
 * @param listPriceEur list price in EUR, scale 2, with a psychological ending
 * @param popularity   relative chance of landing in a basket (log-normal)
 */
public record CatalogueProduct(
        int index,
        String productId,
        String sku,
        String name,
        String brand,
        Category category,
        String subcategory,
        BigDecimal listPriceEur,
        double popularity) {}
