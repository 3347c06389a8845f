package dev.salesflow.generator.catalogue;

import dev.salesflow.domain.api.store.StoreKind;
import dev.salesflow.generator.chance.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the stores. In order, until the requested number is reached:
 * <ol>
 *   <li>one store per market, largest market first: the online store where the shop sells
 *       online, else a flagship in the main city, so every market served has a store;</li>
 *   <li>shops, each going to the market with the highest weight per physical store (D'Hondt),
 *       in its next city, the main city first.</li>
 * </ol>
 * No randomness: store i is the same whatever the total, and ids depend on seed and index.
 */
final class StoreNetwork {

    static final String RETAILER = "Voltaria";

    private final long seed;
    private final List<CatalogueStore> stores = new ArrayList<>();
    private final Map<Country, Integer> physicalCount = new HashMap<>();
    private final Map<String, Integer> shopsPerCity = new HashMap<>();

    private StoreNetwork(long seed) {
        this.seed = seed;
    }

    static List<CatalogueStore> plan(long seed, int count) {
        StoreNetwork network = new StoreNetwork(seed);
        List<Country> markets = Markets.all();
        for (Country country : markets) {
            if (network.full(count)) {
                break;
            }
            if (country.online()) {
                network.openOnline(country);
            } else {
                network.openPhysical(country);
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
            double quotient = country.marketWeight() / (physicalCount.getOrDefault(country, 0) + 1);
            if (quotient > bestQuotient) {
                best = country;
                bestQuotient = quotient;
            }
        }
        return best;
    }

    private void openOnline(Country country) {
        add("%s Online %s".formatted(RETAILER, country.code()), country, country.mainCity(), StoreKind.ONLINE);
    }

    private void openPhysical(Country country) {
        int nth = physicalCount.merge(country, 1, Integer::sum) - 1;
        String city = country.cities().get(nth % country.cities().size());
        int inCity = shopsPerCity.merge(country.code() + "/" + city, 1, Integer::sum);
        String name = RETAILER + " " + city + (inCity > 1 ? " " + inCity : "");
        add(name, country, city, StoreKind.PHYSICAL);
    }

    private void add(String name, Country country, String city, StoreKind kind) {
        stores.add(new CatalogueStore(Seeds.id(seed, "store", stores.size()), name, country, city, kind));
    }
}
