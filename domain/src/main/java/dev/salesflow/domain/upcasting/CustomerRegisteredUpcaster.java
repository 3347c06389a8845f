package dev.salesflow.domain.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesflow.events.customer.CustomerRegisteredEvent;
import dev.salesflow.events.customer.LoyaltyTier;

/** Revision 2 added the preferred currency (the country's money) and the tier (everyone began STANDARD). */
public final class CustomerRegisteredUpcaster extends RevisionOneUpcaster {

    public CustomerRegisteredUpcaster() {
        super(CustomerRegisteredEvent.class);
    }

    @Override
    void addFields(ObjectNode event) {
        event.put("preferredCurrency", CountryCurrency.of(event.path("country").textValue()));
        event.put("loyaltyTier", LoyaltyTier.STANDARD.name());
    }
}
