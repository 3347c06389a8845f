package dev.salesflow.domain.infra;

import dev.salesflow.domain.customer.Customer;
import dev.salesflow.domain.fx.ExchangeRates;
import dev.salesflow.domain.product.Product;
import dev.salesflow.domain.sale.Sale;
import dev.salesflow.domain.store.Store;
import dev.salesflow.domain.upcasting.ContractRevisionResolver;
import dev.salesflow.domain.upcasting.DomainUpcasters;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the event-sourced aggregates with Axon. The domain module stays free of Spring, so
 * its aggregates carry no {@code @Aggregate} stereotype and are registered here instead.
 */
@Configuration
public class DomainConfiguration {

    /** Aggregates kept in memory between commands (a sale with its lines is a few hundred bytes). */
    static final int AGGREGATE_CACHE_ENTRIES = 50_000;

    @Bean
    ConfigurerModule aggregates() {
        return configurer -> {
            // One bounded cache for every aggregate type: the store's (aggregate id, sequence) key already
            // makes an identifier unique across types. Follow-up commands skip re-reading the events.
            Cache cache = new BoundedAggregateCache(AGGREGATE_CACHE_ENTRIES);
            for (Class<?> type : List.of(Customer.class, Product.class, Store.class, Sale.class, ExchangeRates.class)) {
                configurer.configureAggregate(
                        AggregateConfigurer.defaultConfiguration(type).configureCache(configuration -> cache));
            }
            // Events stored under the former package or at revision 1 (before issue 3) are read through these, by the
            // command side,
            // the tracking processors and the start-up rebuilds alike: Axon hands the chain to the
            // storage engine.
            for (EventUpcaster upcaster : DomainUpcasters.forStoredEvents()) {
                configurer.registerEventUpcaster(configuration -> upcaster);
            }
        };
    }

    /** Axon's serializers take each event's revision from the contract's {@code @EventRevision}. */
    @Bean
    RevisionResolver revisionResolver() {
        return new ContractRevisionResolver();
    }
}
