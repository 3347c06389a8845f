package dev.salesflow.generator.catalogue;

import dev.salesflow.events.store.StoreKind;
import dev.salesflow.generator.chance.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans the stores. In order, until the requested number is reached:
 * <ol>
 *   <li>an online store per market, largest market first, so every market served can buy;</li>
 *   <li>the shop's store on the leading marketplace of each market that has one;</li>
 *   <li>physical shops, each going to the market with the highest weight per shop (D'Hondt),
 *       in its next city, the main city first.</li>
 * </ol>
 * No randomness: store i is the same whatever the total, and ids depend on seed and index.
 */
final class StoreNetwork {

    static final String RETAILER = "Voltaria";

    private final long seed;
    private final List<CatalogueStore> stores = new ArrayList<>();
    private final Map<String, Integer> physicalCount = new TreeMap<>();
    private final Map<String, Integer> shopsPerCity = new TreeMap<>();

    private StoreNetwork(long seed) {
        this.seed = seed;
    }

    static List<CatalogueStore> plan(long seed, int count) {
        StoreNetwork network = new StoreNetwork(seed);
        List<Country> markets = Markets.all();
        for (Country country : markets) {
            if (network.full(count)) {
                return List.copyOf(network.stores);
            }
            network.add(
                    "%s Online %s".formatted(RETAILER, country.code()), country, country.mainCity(), StoreKind.ONLINE);
        }
        for (Country country : markets) {
            if (network.full(count)) {
                return List.copyOf(network.stores);
            }
            if (country.marketplace() != null) {
                network.add(
                        "%s on %s".formatted(RETAILER, country.marketplace()),
                        country,
                        country.mainCity(),
                        StoreKind.MARKETPLACE);
            }
        }
        while (!network.full(count)) {
            network.openPhysical(network.mostUnderserved(markets));
        }
        return List.copyOf(network.stores);
    }

    private boolean full(int count) {
        return stores.size() >= count;
    }

    private Country mostUnderserved(List<Country> markets) {
        Country best = markets.get(0);
        double bestQuotient = -1;
        for (Country country : markets) {
            double quotient = country.marketWeight() / (physicalCount.getOrDefault(country.code(), 0) + 1);
            if (quotient > bestQuotient) {
                best = country;
                bestQuotient = quotient;
            }
        }
        return best;
    }

    private void openPhysical(Country country) {
        int nth = physicalCount.merge(country.code(), 1, Integer::sum) - 1;
        String city = country.cities().get(nth % country.cities().size());
        int inCity = shopsPerCity.merge(country.code() + "/" + city, 1, Integer::sum);
        String name = RETAILER + " " + city + (inCity > 1 ? " " + inCity : "");
        add(name, country, city, StoreKind.PHYSICAL);
    }

    private void add(String name, Country country, String city, StoreKind kind) {
        int index = stores.size();
        stores.add(new CatalogueStore(index, Seeds.id(seed, "store", index), name, country, city, kind));
    }
}
