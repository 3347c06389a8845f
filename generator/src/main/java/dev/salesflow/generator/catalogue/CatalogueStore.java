package dev.salesflow.generator.catalogue;

import dev.salesflow.domain.api.store.StoreKind;

/** A store as the simulator knows it; online stores sit in their country's main city. */
public record CatalogueStore(String storeId, String name, Country country, String city, StoreKind kind) {

    public boolean online() {
        return kind == StoreKind.ONLINE;
    }
}
