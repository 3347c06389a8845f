package dev.salesflow.events.sale;

import dev.salesflow.events.DomainEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** {@code amount} is the sum of the lines' amounts, in {@code currency} (the sale's). */
public record SaleRefundedEvent(
        String saleId,
        String refundId,
        String currency,
        List<RefundedLine> lines,
        BigDecimal amount,
        String reason,
        Instant refundedAt)
        implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return refundedAt;
    }
}
