package dev.salesflow.domain.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesflow.events.sale.SalePlacedEvent;
import java.math.BigDecimal;

/**
 * Revision 2 added a discount to each line; old lines had none. Revision-1 lines were
 * {@code {"productId", "quantity", "unitPrice"}}: Jackson writes a record's components only, so
 * the old {@code amount()} method never reached the store and there is nothing to remove.
 */
public final class SalePlacedUpcaster extends RevisionOneUpcaster {

    public SalePlacedUpcaster() {
        super(SalePlacedEvent.class);
    }

    @Override
    void addFields(ObjectNode event) {
        for (JsonNode line : event.path("lines")) {
            if (line instanceof ObjectNode fields) {
                fields.put("discount", BigDecimal.ZERO);
            }
        }
    }
}
