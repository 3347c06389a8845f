package dev.salesflow.domain.api.store;

public enum StoreKind {
    PHYSICAL,
    ONLINE
}
