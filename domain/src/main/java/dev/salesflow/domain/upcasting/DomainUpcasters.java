package dev.salesflow.domain.upcasting;

import java.util.List;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * The one entry point for the application: every upcaster of the domain's events, for an event
 * storage engine that reads JSON written by Axon's {@code JacksonSerializer}.
 */
public final class DomainUpcasters {

    private DomainUpcasters() {
    }

    /** Each upcaster in the order it must run (order matters once an event has several steps). */
    public static List<EventUpcaster> all() {
        return List.of(
                new CustomerRegisteredUpcaster(),
                new ProductListedUpcaster(),
                new StoreOpenedUpcaster(),
                new SalePlacedUpcaster());
    }

    /** All of them as one chain, for {@code upcasterChain(...)} of a storage engine builder. */
    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(all());
    }
}
