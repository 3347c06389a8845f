package dev.salesflow.generator.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.events.store.StoreKind;
import dev.salesflow.generator.SimulationSettings;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    private static Catalogue catalogue;

    @BeforeAll
    static void build() {
        catalogue = Catalogue.build(new SimulationSettings(42, 400, 3_000, SimulationSettings.DEFAULT_STORES));
    }

    @Test
    void listsEveryCategoryAndSubcategoryWithSkusNamedAfterIt() {
        assertThat(catalogue.products())
                .extracting(CatalogueProduct::category)
                .containsAll(Arrays.asList(Category.values()));
        assertThat(catalogue.products()).allSatisfy(p -> {
            assertThat(p.sku()).matches("SKU-" + p.category().skuCode() + "-\\d{6}");
            assertThat(p.name()).startsWith(p.brand() + " ");
            assertThat(p.category().subcategories())
                    .extracting(Category.Subcategory::name)
                    .contains(p.subcategory());
        });
        assertThat(Arrays.stream(Category.values())
                        .mapToInt(c -> c.subcategories().size())
                        .sum())
                .isGreaterThan(25);
    }

    @Test
    void pricesSitInTheirBandWithPsychologicalEndings() {
        assertThat(catalogue.products()).allSatisfy(p -> {
            Category.Subcategory band = p.category().subcategories().stream()
                    .filter(s -> s.name().equals(p.subcategory()))
                    .findFirst()
                    .orElseThrow();
            assertThat(p.listPriceEur().scale()).isEqualTo(2);
            assertThat(p.listPriceEur())
                    .isBetween(band.minPrice(), band.maxPrice().add(BigDecimal.ONE));
            assertThat(p.listPriceEur().remainder(BigDecimal.ONE)).isEqualByComparingTo("0.99");
            BigDecimal price = p.listPriceEur();
            if (price.compareTo(new BigDecimal(1000)) > 0) {
                assertThat(price.remainder(new BigDecimal(50))).isEqualByComparingTo("49.99");
            } else if (price.compareTo(new BigDecimal(100)) > 0) {
                assertThat(price.remainder(BigDecimal.TEN)).isEqualByComparingTo("9.99");
            }
        });
    }

    @Test
    void carriesTheBrandsAnElectronicsShopIsExpectedToCarry() {
        Set<String> brands =
                catalogue.products().stream().map(CatalogueProduct::brand).collect(Collectors.toSet());
        assertThat(brands).contains("Apple", "Samsung", "Sony", "LG", "Lenovo", "Dell", "Bose", "Canon", "Nintendo");
    }

    @Test
    void everyMarketHasAnOnlineStoreAndMostAMarketplaceAndShops() {
        assertThat(catalogue.servedCountries()).hasSize(14);
        Map<StoreKind, Long> kinds = catalogue.stores().stream()
                .collect(Collectors.groupingBy(CatalogueStore::kind, TreeMap::new, Collectors.counting()));
        assertThat(kinds.get(StoreKind.ONLINE)).isEqualTo(14);
        assertThat(kinds.get(StoreKind.MARKETPLACE)).isEqualTo(11);
        assertThat(kinds.get(StoreKind.PHYSICAL)).isEqualTo(23);
        assertThat(catalogue.stores())
                .allSatisfy(s -> assertThat(s.country().cities()).contains(s.city()));
        assertThat(catalogue.stores()).extracting(CatalogueStore::name).doesNotHaveDuplicates();
    }

    @Test
    void customersLiveInEveryMarketWithLocalNamesAndUniqueEmails() {
        Map<String, Long> perCountry = catalogue.customers().stream()
                .collect(Collectors.groupingBy(c -> c.country().code(), TreeMap::new, Collectors.counting()));
        assertThat(perCountry).hasSize(14);
        assertThat(perCountry.get("US")).isGreaterThan(perCountry.get("SE"));
        assertThat(catalogue.customers()).extracting(CatalogueCustomer::email).doesNotHaveDuplicates();
        assertThat(catalogue.customers()).allSatisfy(c -> {
            assertThat(c.email()).matches("[a-z0-9.]+@[a-z0-9.-]+");
            assertThat(c.country().cities()).contains(c.city());
        });
        // Datafaker's Japanese locale writes names in Japanese script.
        assertThat(catalogue.customers().stream()
                        .filter(c -> c.country().code().equals("JP"))
                        .findFirst()
                        .orElseThrow()
                        .name())
                .matches(".*[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}].*");
    }

    @Test
    void successorsStayInTheirDepartment() {
        for (Category category : Category.values()) {
            assertThat(ProductRange.product(42, 10_000 + category.ordinal(), category)
                            .category())
                    .isEqualTo(category);
        }
    }
}
