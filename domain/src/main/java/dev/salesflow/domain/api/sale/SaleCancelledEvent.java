package dev.salesflow.domain.api.sale;

import dev.salesflow.domain.api.DomainEvent;
import java.time.Instant;

public record SaleCancelledEvent(String saleId, String reason, Instant cancelledAt) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return cancelledAt;
    }
}
