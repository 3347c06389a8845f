package dev.salesflow.domain.sale;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test double of the port: facts held in maps, and a record of what the sale asked for. */
final class InMemorySaleParties implements SaleParties {

    private final Map<String, CustomerFacts> customers = new HashMap<>();
    private final Map<String, StoreFacts> stores = new HashMap<>();
    private final Map<String, ProductFacts> products = new HashMap<>();
    final List<Collection<String>> askedForProducts = new CopyOnWriteArrayList<>();

    InMemorySaleParties customer(String id, Instant registeredAt) {
        customers.put(id, new CustomerFacts(registeredAt));
        return this;
    }

    InMemorySaleParties store(String id, String currency, Instant openedAt, Instant closedAt) {
        stores.put(id, new StoreFacts(currency, openedAt, closedAt));
        return this;
    }

    InMemorySaleParties product(String id, Instant listedAt, Instant discontinuedAt) {
        products.put(id, new ProductFacts(listedAt, discontinuedAt));
        return this;
    }

    InMemorySaleParties withoutCustomer(String id) {
        customers.remove(id);
        return this;
    }

    InMemorySaleParties withoutStore(String id) {
        stores.remove(id);
        return this;
    }

    InMemorySaleParties withoutProduct(String id) {
        products.remove(id);
        return this;
    }

    @Override
    public Facts lockAndRead(String customerId, String storeId, Collection<String> productIds) {
        askedForProducts.add(List.copyOf(productIds));
        Map<String, ProductFacts> known = new HashMap<>();
        for (String productId : productIds) {
            if (products.containsKey(productId)) {
                known.put(productId, products.get(productId));
            }
        }
        return new Facts(
                Optional.ofNullable(customers.get(customerId)), Optional.ofNullable(stores.get(storeId)), known);
    }
}
