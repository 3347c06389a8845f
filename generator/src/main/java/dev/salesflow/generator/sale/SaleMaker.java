package dev.salesflow.generator.sale;

import dev.salesflow.domain.api.sale.PaymentMethod;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.api.sale.SaleLine;
import dev.salesflow.domain.api.sale.SalesChannel;
import dev.salesflow.generator.catalogue.Catalogue;
import dev.salesflow.generator.catalogue.CatalogueCustomer;
import dev.salesflow.generator.catalogue.CatalogueProduct;
import dev.salesflow.generator.catalogue.CatalogueStore;
import dev.salesflow.generator.catalogue.Country;
import dev.salesflow.generator.chance.Seeds;
import dev.salesflow.generator.chance.Stream;
import dev.salesflow.generator.chance.WeightedChoice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws sale number n from its own seed, so any sale can be made without the ones before it:
 * resuming is free, and the sequence ignores the business times it is given.
 */
public final class SaleMaker {

    private final long seed;
    private final Catalogue catalogue;
    private final WeightedChoice<CatalogueCustomer> customers;
    private final WeightedChoice<CatalogueProduct> products;
    private final Map<String, WeightedChoice<CatalogueStore>> homeStores = new HashMap<>();
    private final Map<String, WeightedChoice<CatalogueStore>> foreignOnlineStores = new HashMap<>();

    public SaleMaker(long seed, Catalogue catalogue) {
        this.seed = seed;
        this.catalogue = catalogue;
        this.customers = WeightedChoice.of(catalogue.customers(), CatalogueCustomer::propensity);
        this.products = WeightedChoice.of(catalogue.products(), CatalogueProduct::popularity);
        for (CatalogueStore store : catalogue.stores()) {
            if (!PriceLevels.supports(store.country().currency())) {
                throw new IllegalStateException("no price level for " + store.country().currency());
            }
        }
    }

    public PlaceSaleCommand sale(long number, Instant placedAt) {
        Objects.requireNonNull(placedAt, "placedAt");
        SplittableRandom random = Seeds.randomFor(seed, Stream.SALE, number);
        CatalogueCustomer customer = customers.pick(random);
        CatalogueStore store = store(customer, random);
        SalesChannel channel = ShoppingHabits.channel(store.kind(), random);
        PaymentMethod payment = ShoppingHabits.payment(channel, random);
        String currency = store.country().currency();
        List<SaleLine> lines = basket(currency, random);
        return new PlaceSaleCommand(Seeds.id(seed, "sale", number), customer.customerId(), store.storeId(),
                channel, payment, currency, placedAt, lines);
    }

    private CatalogueStore store(CatalogueCustomer customer, SplittableRandom random) {
        boolean crossBorder = random.nextDouble() < ShoppingHabits.CROSS_BORDER_SHARE;
        if (crossBorder) {
            WeightedChoice<CatalogueStore> abroad = foreignOnlineStores.computeIfAbsent(
                    customer.country().code(), code -> onlineStoresOutside(customer.country()));
            if (abroad != null) {
                return abroad.pick(random);
            }
        }
        return homeStores.computeIfAbsent(customer.country().code() + "/" + customer.city(),
                key -> storesNear(customer)).pick(random);
    }

    private WeightedChoice<CatalogueStore> storesNear(CatalogueCustomer customer) {
        List<CatalogueStore> home = catalogue.stores().stream()
                .filter(s -> s.country().equals(customer.country()))
                .toList();
        return WeightedChoice.of(home, s -> {
            if (s.online()) {
                return ShoppingHabits.ONLINE_STORE_WEIGHT;
            }
            return s.city().equals(customer.city())
                    ? ShoppingHabits.SAME_CITY_SHOP_WEIGHT
                    : ShoppingHabits.OTHER_CITY_SHOP_WEIGHT;
        });
    }

    /** Online stores of other countries, weighted by their market's size; null if there are none. */
    private WeightedChoice<CatalogueStore> onlineStoresOutside(Country country) {
        List<CatalogueStore> abroad = catalogue.stores().stream()
                .filter(s -> s.online() && !s.country().equals(country))
                .toList();
        return abroad.isEmpty() ? null : WeightedChoice.of(abroad, s -> s.country().marketWeight());
    }

    private List<SaleLine> basket(String currency, SplittableRandom random) {
        int size = Math.min(ShoppingHabits.basketSize(random), products.size());
        Set<String> chosen = new HashSet<>();
        List<SaleLine> lines = new ArrayList<>(size);
        while (lines.size() < size) {
            CatalogueProduct product = products.pick(random);
            // One line per product: a second pick of the same product is drawn again.
            if (chosen.add(product.productId())) {
                int quantity = ShoppingHabits.quantity(random);
                lines.add(new SaleLine(product.productId(), quantity,
                        PriceLevels.localPrice(product.listPriceEur(), currency)));
            }
        }
        return List.copyOf(lines);
    }
}
