package dev.salesflow.domain.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesflow.events.store.StoreOpenedEvent;

/** Revision 2 added the currency the store sells in; old stores sold in their country's money. */
public final class StoreOpenedUpcaster extends RevisionOneUpcaster {

    public StoreOpenedUpcaster() {
        super(StoreOpenedEvent.class);
    }

    @Override
    void addFields(ObjectNode event) {
        event.put("currency", CountryCurrency.of(event.path("country").textValue()));
    }
}
