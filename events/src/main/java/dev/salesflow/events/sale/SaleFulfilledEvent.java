package dev.salesflow.events.sale;

import dev.salesflow.events.DomainEvent;
import java.time.Instant;

public record SaleFulfilledEvent(String saleId, Instant fulfilledAt) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return fulfilledAt;
    }
}
