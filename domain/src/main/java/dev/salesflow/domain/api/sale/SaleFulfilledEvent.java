package dev.salesflow.domain.api.sale;

import dev.salesflow.domain.api.DomainEvent;
import java.time.Instant;

public record SaleFulfilledEvent(String saleId, Instant fulfilledAt) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return fulfilledAt;
    }
}
