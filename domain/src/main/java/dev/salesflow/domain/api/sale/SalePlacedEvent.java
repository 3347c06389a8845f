package dev.salesflow.domain.api.sale;

import dev.salesflow.domain.api.DomainEvent;
import java.time.Instant;
import java.util.List;

public record SalePlacedEvent(
        String saleId,
        String customerId,
        String storeId,
        SalesChannel channel,
        PaymentMethod paymentMethod,
        String currency,
        Instant placedAt,
        List<SaleLine> lines) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return placedAt;
    }
}
