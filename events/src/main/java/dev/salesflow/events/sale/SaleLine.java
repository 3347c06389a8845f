package dev.salesflow.events.sale;

import java.math.BigDecimal;

/**
 * One order line: a quantity of one product at a unit price, less a discount on the whole line,
 * both in the sale's currency. The customer pays {@link #netAmount()}.
 */
public record SaleLine(String productId, int quantity, BigDecimal unitPrice, BigDecimal discount) {

    /** A line without discount. */
    public SaleLine(String productId, int quantity, BigDecimal unitPrice) {
        this(productId, quantity, unitPrice, BigDecimal.ZERO);
    }

    /** Quantity times unit price, before the discount. */
    public BigDecimal grossAmount() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }

    /** What the customer pays for the line. */
    public BigDecimal netAmount() {
        return grossAmount().subtract(discount);
    }
}
