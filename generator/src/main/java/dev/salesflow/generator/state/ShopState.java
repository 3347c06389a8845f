package dev.salesflow.generator.state;

import dev.salesflow.events.store.StoreKind;
import dev.salesflow.generator.catalogue.Catalogue;
import dev.salesflow.generator.catalogue.CatalogueProduct;
import dev.salesflow.generator.catalogue.Country;
import dev.salesflow.generator.chance.WeightedChoice;
import dev.salesflow.generator.time.Seasonality;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The simulated business as it stands: which products are sold at which EUR price, which stores
 * are open, where each customer lives and what they have spent. The generator changes it only
 * through the commands it emits, so the domain sees the same facts.
 *
 * <p>Lookups that sales need on every draw are cached and rebuilt only when a rare change
 * (discontinuation, closure, move) invalidates them. Maps are tree maps: nothing depends on hash
 * order.
 */
public final class ShopState {

    private final List<ProductState> products = new ArrayList<>();
    private final List<StoreState> stores = new ArrayList<>();
    private final List<CustomerState> customers = new ArrayList<>();
    private final List<Country> markets;
    private final double[] weeklyIntensity;

    private WeightedChoice<ProductState> activeProducts;
    private List<ProductState> activeList;
    private WeightedChoice<Country>[] countryByHour;
    private final Map<String, WeightedChoice<CustomerState>> customersByCountry = new TreeMap<>();
    private final Map<String, WeightedChoice<StoreState>> shopsNear = new TreeMap<>();
    private final Map<String, WeightedChoice<StoreState>> foreignOnline = new TreeMap<>();

    public ShopState(Catalogue catalogue) {
        catalogue.products().forEach(p -> products.add(new ProductState(p)));
        catalogue.stores().forEach(s -> stores.add(new StoreState(s)));
        catalogue.customers().forEach(c -> customers.add(new CustomerState(c)));
        this.markets = catalogue.servedCountries();
        this.weeklyIntensity = Seasonality.weeklyIntensity(markets, customerWeights());
    }

    /** Intensity of the whole business per UTC hour of the week (mean 1), from the initial customer base. */
    public double[] weeklyIntensity() {
        return weeklyIntensity.clone();
    }

    public List<Country> markets() {
        return markets;
    }

    public List<ProductState> products() {
        return products;
    }

    public List<StoreState> stores() {
        return stores;
    }

    public List<CustomerState> customers() {
        return customers;
    }

    // ---- draws used by sales

    /** The market of the next sale at this UTC hour of the week: busy markets are awake markets. */
    @SuppressWarnings("unchecked")
    public Country marketAt(int utcHourOfWeek, RandomGenerator random) {
        if (countryByHour == null) {
            double[] weights = customerWeights();
            countryByHour = new WeightedChoice[168];
            for (int how = 0; how < 168; how++) {
                double[] atHour = new double[markets.size()];
                for (int c = 0; c < markets.size(); c++) {
                    atHour[c] =
                            weights[c] * Seasonality.localIntensity(Seasonality.localHourOfWeek(how, markets.get(c)));
                }
                countryByHour[how] = WeightedChoice.of(markets, atHour);
            }
        }
        return countryByHour[utcHourOfWeek].pick(random);
    }

    /** A customer living in the market, by buying propensity. */
    public CustomerState customerIn(Country country, RandomGenerator random) {
        WeightedChoice<CustomerState> choice = customersByCountry.computeIfAbsent(
                country.code(),
                code -> WeightedChoice.of(
                        customers.stream()
                                .filter(c -> c.country().code().equals(code))
                                .toList(),
                        c -> c.registered().propensity()));
        return choice.pick(random);
    }

    /** A product still sold, by popularity. */
    public ProductState product(RandomGenerator random) {
        if (activeProducts == null) {
            activeList = products.stream().filter(p -> !p.discontinued()).toList();
            activeProducts = WeightedChoice.of(activeList, p -> p.listed().popularity());
        }
        return activeProducts.pick(random);
    }

    /** A product still sold, each equally likely (for catalogue changes). */
    public ProductState anyActiveProduct(RandomGenerator random) {
        if (activeList == null) {
            product(random);
        }
        return activeList.get(random.nextInt(activeList.size()));
    }

    public int activeProductCount() {
        if (activeList == null) {
            activeList = products.stream().filter(p -> !p.discontinued()).toList();
        }
        return activeList.size();
    }

    /** An open shop near the customer (own city preferred), or null if the market has none. */
    public StoreState shopNear(CustomerState customer, RandomGenerator random) {
        WeightedChoice<StoreState> choice =
                shopsNear.computeIfAbsent(customer.country().code() + "/" + customer.city(), key -> {
                    List<StoreState> shops = stores.stream()
                            .filter(s -> !s.closed()
                                    && s.kind() == StoreKind.PHYSICAL
                                    && s.country().equals(customer.country()))
                            .toList();
                    return shops.isEmpty()
                            ? null
                            : WeightedChoice.of(shops, s -> s.opened().city().equals(customer.city()) ? 6.0 : 1.0);
                });
        return choice == null ? null : choice.pick(random);
    }

    /** The market's own online store (online stores never close), or null if the shop has none there. */
    public StoreState online(Country country) {
        return storeOfKind(country, StoreKind.ONLINE);
    }

    /** The shop's open store on the market's marketplace, or null. */
    public StoreState marketplace(Country country) {
        return storeOfKind(country, StoreKind.MARKETPLACE);
    }

    /** An online store of another market (cross-border shopping), or null. */
    public StoreState foreignOnline(Country home, RandomGenerator random) {
        WeightedChoice<StoreState> choice = foreignOnline.computeIfAbsent(home.code(), code -> {
            List<StoreState> abroad = stores.stream()
                    .filter(s ->
                            s.kind() == StoreKind.ONLINE && !s.country().code().equals(code))
                    .toList();
            return abroad.isEmpty()
                    ? null
                    : WeightedChoice.of(abroad, s -> s.country().marketWeight());
        });
        return choice == null ? null : choice.pick(random);
    }

    private StoreState storeOfKind(Country country, StoreKind kind) {
        for (StoreState store : stores) {
            if (store.kind() == kind && !store.closed() && store.country().equals(country)) {
                return store;
            }
        }
        return null;
    }

    /** Any open store of the market, for a customer whose market has no online store (tiny networks). */
    public StoreState anyOpenStore(Country country) {
        for (StoreState store : stores) {
            if (!store.closed() && store.country().equals(country)) {
                return store;
            }
        }
        return null;
    }

    // ---- changes

    public void reprice(ProductState product, BigDecimal price) {
        product.reprice(price);
    }

    public void recategorise(ProductState product, String subcategory) {
        product.recategorise(subcategory);
    }

    public void discontinue(ProductState product) {
        product.discontinue();
        activeProducts = null;
        activeList = null;
    }

    public ProductState list(CatalogueProduct product) {
        ProductState state = new ProductState(product);
        products.add(state);
        activeProducts = null;
        activeList = null;
        return state;
    }

    public void close(StoreState store) {
        store.close();
        shopsNear.clear();
    }

    /** Whether closing the store leaves its market another open store. */
    public boolean mayClose(StoreState store) {
        if (store.closed() || store.kind() != StoreKind.PHYSICAL) {
            return false;
        }
        return stores.stream()
                .anyMatch(s -> s != store && !s.closed() && s.country().equals(store.country()));
    }

    public void move(CustomerState customer, Country country, String city) {
        customer.move(country, city);
        customersByCountry.clear();
        countryByHour = null;
    }

    public void changeEmail(CustomerState customer, String email) {
        customer.changeEmail(email);
    }

    // Sum of propensities of the customers living in each market, in market order.
    private double[] customerWeights() {
        double[] weights = new double[markets.size()];
        for (CustomerState customer : customers) {
            int at = markets.indexOf(customer.country());
            if (at >= 0) {
                weights[at] += customer.registered().propensity();
            }
        }
        return weights;
    }

    /** Markets the shop serves that have at least one store; customers may move only there. */
    public List<Country> servedMarkets() {
        return markets;
    }
}
