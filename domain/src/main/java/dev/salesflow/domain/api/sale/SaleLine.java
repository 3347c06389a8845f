package dev.salesflow.domain.api.sale;

import java.math.BigDecimal;

/** One order line: a quantity of one product at a unit price in the sale's currency. */
public record SaleLine(String productId, int quantity, BigDecimal unitPrice) {

    public BigDecimal amount() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
