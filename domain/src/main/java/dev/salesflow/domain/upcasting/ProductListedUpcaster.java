package dev.salesflow.domain.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesflow.events.product.ProductListedEvent;

/** Revision 2 added the subcategory; an old product's only grouping was its category. */
public final class ProductListedUpcaster extends RevisionOneUpcaster {

    public ProductListedUpcaster() {
        super(ProductListedEvent.class);
    }

    @Override
    void addFields(ObjectNode event) {
        event.set("subcategory", event.get("category"));
    }
}
