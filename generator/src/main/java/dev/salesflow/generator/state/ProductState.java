package dev.salesflow.generator.state;

import dev.salesflow.generator.catalogue.CatalogueProduct;
import dev.salesflow.generator.catalogue.Category;
import java.math.BigDecimal;

/** A product as it stands now: its current EUR price and shelf, and whether it is still sold. */
public final class ProductState {

    private final CatalogueProduct listed;
    private BigDecimal priceEur;
    private String subcategory;
    private boolean discontinued;

    ProductState(CatalogueProduct listed) {
        this.listed = listed;
        this.priceEur = listed.listPriceEur();
        this.subcategory = listed.subcategory();
    }

    public CatalogueProduct listed() {
        return listed;
    }

    public String productId() {
        return listed.productId();
    }

    public Category category() {
        return listed.category();
    }

    public BigDecimal priceEur() {
        return priceEur;
    }

    public String subcategory() {
        return subcategory;
    }

    public boolean discontinued() {
        return discontinued;
    }

    void reprice(BigDecimal price) {
        this.priceEur = price;
    }

    void recategorise(String subcategory) {
        this.subcategory = subcategory;
    }

    void discontinue() {
        this.discontinued = true;
    }
}
