package dev.salesflow.events.sale;

import dev.salesflow.events.DomainEvent;
import java.time.Instant;

public record SaleCancelledEvent(String saleId, String reason, Instant cancelledAt) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return cancelledAt;
    }
}
