package dev.salesflow.domain.sale;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What a sale's rules need to know about other aggregates: is the customer registered, is the
 * store open and in which currency does it sell, is each product listed and still sellable.
 *
 * <p>The rule must hold under concurrent commands: an implementation reads the facts as committed
 * in the event store and keeps them from changing (locks them) until the current unit of work
 * ends, so that a product discontinued or a store closed by a concurrent command cannot slip in
 * between the check and the sale's commit. The domain only states the port; the application
 * implements it next to the event store.
 */
public interface SaleParties {

    Facts lockAndRead(String customerId, String storeId, Collection<String> productIds);

    /** Absent entries are unknown to the domain. */
    record Facts(Optional<CustomerFacts> customer, Optional<StoreFacts> store, Map<String, ProductFacts> products) {}

    record CustomerFacts(Instant registeredAt) {}

    /** {@code closedAt} is null while the store is open. */
    record StoreFacts(String currency, Instant openedAt, Instant closedAt) {}

    /** {@code discontinuedAt} is null while the product can be sold. */
    record ProductFacts(Instant listedAt, Instant discontinuedAt) {}
}
