package dev.salesflow.domain.upcasting;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * The one entry point for the application: every upcaster of the domain's events, for an event
 * storage engine that reads JSON written by Axon's {@code JacksonSerializer}.
 */
public final class DomainUpcasters {

    private DomainUpcasters() {}

    /**
     * Every upcaster a stored event goes through, in order: first the move of the event records to
     * the contract's package, then the revision steps.
     */
    public static List<EventUpcaster> forStoredEvents() {
        List<EventUpcaster> upcasters = new ArrayList<>();
        upcasters.add(new ContractPackageUpcaster());
        upcasters.addAll(all());
        return List.copyOf(upcasters);
    }

    /** Each revision upcaster in the order it must run (order matters once an event has several steps). */
    public static List<EventUpcaster> all() {
        return List.of(
                new CustomerRegisteredUpcaster(),
                new ProductListedUpcaster(),
                new StoreOpenedUpcaster(),
                new SalePlacedUpcaster());
    }

    /** All of them as one chain, for {@code upcasterChain(...)} of a storage engine builder. */
    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(forStoredEvents());
    }
}
