package dev.salesflow.generator.state;

import dev.salesflow.events.store.StoreKind;
import dev.salesflow.generator.catalogue.CatalogueStore;
import dev.salesflow.generator.catalogue.Country;

/** A store and whether it has closed. */
public final class StoreState {

    private final CatalogueStore opened;
    private boolean closed;

    StoreState(CatalogueStore opened) {
        this.opened = opened;
    }

    public CatalogueStore opened() {
        return opened;
    }

    public String storeId() {
        return opened.storeId();
    }

    public Country country() {
        return opened.country();
    }

    public StoreKind kind() {
        return opened.kind();
    }

    public String currency() {
        return opened.currency();
    }

    public boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }
}
