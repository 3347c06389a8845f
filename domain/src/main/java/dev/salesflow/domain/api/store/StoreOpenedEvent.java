package dev.salesflow.domain.api.store;

import java.time.Instant;

public record StoreOpenedEvent(
        String storeId,
        String name,
        String country,
        String city,
        StoreKind kind,
        Instant openedAt) {
}
