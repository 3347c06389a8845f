package dev.salesflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.domain.api.customer.CustomerRegisteredEvent;
import dev.salesflow.domain.api.customer.RegisterCustomerCommand;
import dev.salesflow.domain.api.product.ListProductCommand;
import dev.salesflow.domain.api.product.ProductListedEvent;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.api.sale.SalePlacedEvent;
import dev.salesflow.domain.api.store.OpenStoreCommand;
import dev.salesflow.domain.api.store.StoreOpenedEvent;
import dev.salesflow.domain.customer.Customer;
import dev.salesflow.domain.product.Product;
import dev.salesflow.domain.sale.Sale;
import dev.salesflow.domain.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

/** Every command the simulator makes passes the aggregates' rules and emits the matching event. */
class GeneratedCommandsAreAcceptedTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void aggregatesAcceptTheWholeCatalogueAndTwoThousandSales() {
        SalesSimulation simulation = new SalesSimulation(SimulationSettings.withSeed(2024));
        AggregateTestFixture<Product> products = new AggregateTestFixture<>(Product.class);
        AggregateTestFixture<Store> stores = new AggregateTestFixture<>(Store.class);
        AggregateTestFixture<Customer> customers = new AggregateTestFixture<>(Customer.class);
        AggregateTestFixture<Sale> sales = new AggregateTestFixture<>(Sale.class);

        List<Object> catalogue = simulation.catalogue(START);
        int accepted = 0;
        for (Object command : catalogue) {
            if (command instanceof ListProductCommand c) {
                products.givenNoPriorActivity().when(c).expectSuccessfulHandlerExecution()
                        .expectEvents(new ProductListedEvent(c.productId(), c.sku(), c.name(), c.brand(),
                                c.category(), c.price(), c.currency(), c.listedAt()));
            } else if (command instanceof OpenStoreCommand c) {
                stores.givenNoPriorActivity().when(c).expectSuccessfulHandlerExecution()
                        .expectEvents(new StoreOpenedEvent(c.storeId(), c.name(), c.country(), c.city(), c.kind(),
                                c.openedAt()));
            } else if (command instanceof RegisterCustomerCommand c) {
                customers.givenNoPriorActivity().when(c).expectSuccessfulHandlerExecution()
                        .expectEvents(new CustomerRegisteredEvent(c.customerId(), c.name(), c.email(), c.country(),
                                c.city(), c.registeredAt()));
            } else {
                throw new AssertionError("unexpected catalogue command " + command);
            }
            accepted++;
        }
        for (int i = 0; i < 2_000; i++) {
            PlaceSaleCommand c = simulation.nextSale(START.plus(Duration.ofMinutes(i)));
            sales.givenNoPriorActivity().when(c).expectSuccessfulHandlerExecution()
                    .expectEvents(new SalePlacedEvent(c.saleId(), c.customerId(), c.storeId(), c.channel(),
                            c.paymentMethod(), c.currency(), c.placedAt(), c.lines()));
            accepted++;
        }

        assertThat(accepted).isEqualTo(120 + 24 + 500 + 2_000);
    }
}
