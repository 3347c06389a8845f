package dev.salesflow.app.eventstore;

import dev.salesflow.domain.customer.Customer;
import dev.salesflow.domain.product.Product;
import dev.salesflow.domain.sale.Sale;
import dev.salesflow.domain.store.Store;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the event-sourced aggregates with Axon. The domain module stays free of Spring, so
 * its aggregates carry no {@code @Aggregate} stereotype and are registered here instead.
 */
@Configuration
public class DomainConfiguration {

    @Bean
    ConfigurerModule aggregates() {
        return configurer -> configurer
                .configureAggregate(Customer.class)
                .configureAggregate(Product.class)
                .configureAggregate(Store.class)
                .configureAggregate(Sale.class);
        // TODO(lead, at merge): .configureAggregate(dev.salesflow.domain.fx.ExchangeRates.class) once the
        // domain branch has the ExchangeRates aggregate (id = base currency).
        // TODO(lead, at merge): the domain branch also brings dev.salesflow.domain.upcasting.DomainUpcasters;
        // stored revision-1 events need its chain registered (e.g. a @Bean EventUpcasterChain, which
        // Axon's auto-configuration hands to the storage engine), including for SalePartiesRebuild.
    }
}
