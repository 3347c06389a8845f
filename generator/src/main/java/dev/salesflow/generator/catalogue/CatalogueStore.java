package dev.salesflow.generator.catalogue;

import dev.salesflow.events.store.StoreKind;

/** A store as the simulator knows it; it sells in its country's currency. */
public record CatalogueStore(int index, String storeId, String name, Country country, String city, StoreKind kind) {

    public String currency() {
        return country.currency();
    }
}
