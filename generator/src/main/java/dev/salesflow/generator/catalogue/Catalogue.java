package dev.salesflow.generator.catalogue;

import dev.salesflow.domain.api.customer.RegisterCustomerCommand;
import dev.salesflow.domain.api.product.ListProductCommand;
import dev.salesflow.domain.api.store.OpenStoreCommand;
import dev.salesflow.events.Currencies;
import dev.salesflow.generator.SimulationSettings;
import dev.salesflow.generator.state.CustomerState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The simulated world that sales draw from: products, stores and customers. Built from the
 * settings alone; it knows nothing of sales or times.
 */
public final class Catalogue {

    /** The currency of list prices; sales convert from it. */
    public static final String LIST_CURRENCY = Currencies.BASE;

    private final List<CatalogueProduct> products;
    private final List<CatalogueStore> stores;
    private final List<CatalogueCustomer> customers;
    private final List<Country> servedCountries;

    private Catalogue(
            List<CatalogueProduct> products,
            List<CatalogueStore> stores,
            List<CatalogueCustomer> customers,
            List<Country> servedCountries) {
        this.products = products;
        this.stores = stores;
        this.customers = customers;
        this.servedCountries = servedCountries;
    }

    public static Catalogue build(SimulationSettings settings) {
        List<CatalogueProduct> products = ProductRange.draw(settings.seed(), settings.products());
        List<CatalogueStore> stores = StoreNetwork.plan(settings.seed(), settings.stores());
        // Customers live only where there is a store to buy from.
        List<Country> served = List.copyOf(
                stores.stream().map(CatalogueStore::country).collect(Collectors.toCollection(LinkedHashSet::new)));
        List<CatalogueCustomer> customers = CustomerBase.draw(settings.seed(), settings.customers(), served);
        return new Catalogue(products, stores, customers, served);
    }

    public List<CatalogueProduct> products() {
        return products;
    }

    public List<CatalogueStore> stores() {
        return stores;
    }

    public List<CatalogueCustomer> customers() {
        return customers;
    }

    /** Countries with at least one store, largest market first. */
    public List<Country> servedCountries() {
        return servedCountries;
    }

    /** The commands that create this world, products then stores then customers, all at {@code at}. */
    public List<Object> commands(Instant at) {
        Objects.requireNonNull(at, "at");
        List<Object> commands = new ArrayList<>(products.size() + stores.size() + customers.size());
        for (CatalogueProduct p : products) {
            commands.add(listing(p, at));
        }
        for (CatalogueStore s : stores) {
            commands.add(new OpenStoreCommand(
                    s.storeId(), s.name(), s.country().code(), s.city(), s.kind(), s.currency(), at));
        }
        for (CatalogueCustomer c : customers) {
            commands.add(new RegisterCustomerCommand(
                    c.customerId(),
                    c.name(),
                    c.email(),
                    c.country().code(),
                    c.city(),
                    c.country().currency(),
                    CustomerState.tierFor(c.priorSpendCents()),
                    at));
        }
        return commands;
    }

    /** The command that lists a product, initial or replacement. */
    public static ListProductCommand listing(CatalogueProduct p, Instant at) {
        return new ListProductCommand(
                p.productId(),
                p.sku(),
                p.name(),
                p.brand(),
                p.category().label(),
                p.subcategory(),
                p.listPriceEur(),
                LIST_CURRENCY,
                at);
    }
}
