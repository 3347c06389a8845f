package dev.salesflow.events.sale;

import java.math.BigDecimal;

/**
 * Units of one product returned and the amount paid back for them, in the sale's currency: the
 * line's net amount (after discount) pro rata; the last units of a line get what remains, so the
 * refunds of a line never add up to more than its net amount.
 */
public record RefundedLine(String productId, int quantity, BigDecimal amount) {}
