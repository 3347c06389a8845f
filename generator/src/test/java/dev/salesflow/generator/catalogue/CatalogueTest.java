package dev.salesflow.generator.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.domain.api.store.StoreKind;
import dev.salesflow.generator.SimulationSettings;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    private static Catalogue catalogue;

    @BeforeAll
    static void build() {
        catalogue = Catalogue.build(SimulationSettings.withSeed(42));
    }

    @Test
    void listsProductsOfEveryCategoryWithSkusNamedAfterIt() {
        assertThat(catalogue.products()).extracting(CatalogueProduct::category)
                .containsAll(Arrays.asList(Category.values()));
        assertThat(catalogue.products()).allSatisfy(p -> {
            assertThat(p.sku()).matches("SKU-" + p.category().skuCode() + "-\\d{6}");
            assertThat(p.name()).startsWith(p.brand() + " ");
        });
        assertThat(catalogue.products().get(0).sku()).endsWith("-000001");
    }

    @Test
    void pricesProductsInsideTheirCategoryBandWithCents() {
        assertThat(catalogue.products()).allSatisfy(p -> {
            assertThat(p.listPriceEur().scale()).isEqualTo(2);
            assertThat(p.listPriceEur()).isBetween(p.category().minPrice(), p.category().maxPrice());
        });
    }

    @Test
    void keepsPricesInsideTheBandAtItsEdges() {
        for (Category category : Category.values()) {
            for (double position : new double[] {0, 1e-9, 0.5, 1 - 1e-9, 1}) {
                BigDecimal price = ProductRange.listPrice(category, position);
                assertThat(price).isBetween(category.minPrice(), category.maxPrice());
                assertThat(price.remainder(BigDecimal.ONE)).isEqualByComparingTo("0.99");
            }
        }
    }

    @Test
    void carriesTheBrandsAnElectronicsShopIsExpectedToCarry() {
        Set<String> brands = Arrays.stream(Category.values())
                .flatMap(c -> c.brands().stream().map(Category.BrandModels::brand))
                .collect(Collectors.toSet());

        assertThat(brands).contains("Apple", "Samsung", "Sony", "Lenovo", "Dell", "LG", "Bose", "Canon", "Nikon",
                "Garmin", "Logitech", "Nintendo", "Microsoft");
    }

    @Test
    void servesAtLeastTwelveMarketsEachWithItsOwnCurrency() {
        assertThat(Markets.all()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(Markets.all()).allSatisfy(country -> {
            assertThat(Currency.getInstance(new Locale("", country.code())).getCurrencyCode())
                    .isEqualTo(country.currency());
            assertThat(country.cities()).hasSizeGreaterThanOrEqualTo(3);
        });
        assertThat(catalogue.servedCountries()).hasSize(Markets.all().size());
    }

    @Test
    void opensAnOnlineStoreInTheMainCityOfEachOnlineMarketAndShopsInCities() {
        Map<StoreKind, Long> kinds = catalogue.stores().stream()
                .collect(Collectors.groupingBy(CatalogueStore::kind, Collectors.counting()));

        assertThat(kinds.get(StoreKind.ONLINE)).isEqualTo(Markets.all().stream().filter(Country::online).count());
        assertThat(catalogue.stores()).filteredOn(CatalogueStore::online)
                .allSatisfy(s -> assertThat(s.city()).isEqualTo(s.country().mainCity()));
        assertThat(catalogue.stores()).filteredOn(s -> !s.online())
                .allSatisfy(s -> assertThat(s.country().cities()).contains(s.city()));
        assertThat(catalogue.stores()).extracting(CatalogueStore::name).doesNotHaveDuplicates();
    }

    @Test
    void givesBiggerMarketsMoreShops() {
        Map<String, Long> shops = catalogue.stores().stream().filter(s -> !s.online())
                .collect(Collectors.groupingBy(s -> s.country().code(), Collectors.counting()));

        assertThat(shops.get("US")).isGreaterThan(shops.getOrDefault("SE", 0L));
        assertThat(shops.get("US")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void customersHaveAsciiMailboxesAndLiveInTheirCountrysCities() {
        assertThat(catalogue.customers()).allSatisfy(c -> {
            assertThat(c.country().cities()).contains(c.city());
            assertThat(c.email()).matches("[a-z0-9.]+\\.\\d+@[a-z0-9.-]+");
            assertThat(c.country().mailDomains()).contains(c.email().substring(c.email().indexOf('@') + 1));
            assertThat(c.propensity()).isPositive();
        });
        assertThat(CustomerBase.ascii("Łucja Gąsiorowska-Nüßle")).isEqualTo("lucjagasiorowskanussle");
    }
}
