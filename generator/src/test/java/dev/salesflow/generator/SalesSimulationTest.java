package dev.salesflow.generator;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesflow.domain.api.customer.RegisterCustomerCommand;
import dev.salesflow.domain.api.product.ListProductCommand;
import dev.salesflow.domain.api.sale.PaymentMethod;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.api.sale.SaleLine;
import dev.salesflow.domain.api.sale.SalesChannel;
import dev.salesflow.domain.api.store.OpenStoreCommand;
import dev.salesflow.domain.api.store.StoreKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SalesSimulationTest {

    private static final Instant AT = Instant.parse("2024-01-01T00:00:00Z");
    private static final int SALES = 10_000;

    private static List<Object> catalogue;
    private static List<PlaceSaleCommand> sales;
    private static Map<String, ListProductCommand> products;
    private static Map<String, OpenStoreCommand> stores;
    private static Map<String, RegisterCustomerCommand> customers;

    @BeforeAll
    static void simulate() {
        SalesSimulation simulation = new SalesSimulation(SimulationSettings.withSeed(42));
        catalogue = simulation.catalogue(AT);
        sales = draw(simulation, SALES, 0);
        products = byId(catalogue, ListProductCommand.class, ListProductCommand::productId);
        stores = byId(catalogue, OpenStoreCommand.class, OpenStoreCommand::storeId);
        customers = byId(catalogue, RegisterCustomerCommand.class, RegisterCustomerCommand::customerId);
    }

    @Test
    void sameSeedGivesEqualCatalogueAndEqualFirstTenThousandSales() {
        SalesSimulation again = new SalesSimulation(SimulationSettings.withSeed(42));
        List<Object> catalogueAgain = again.catalogue(AT);
        List<PlaceSaleCommand> salesAgain = draw(again, SALES, 0);

        assertThat(catalogueAgain).isEqualTo(catalogue);
        assertThat(salesAgain).isEqualTo(sales);
        assertThat(salesAgain.toString()).isEqualTo(sales.toString());
    }

    @Test
    void differentSeedsGiveDifferentCatalogueAndSales() {
        SalesSimulation other = new SalesSimulation(SimulationSettings.withSeed(43));

        assertThat(other.catalogue(AT)).isNotEqualTo(catalogue);
        List<PlaceSaleCommand> otherSales = draw(other, 100, 0);
        assertThat(otherSales).isNotEqualTo(sales.subList(0, 100));
        assertThat(otherSales.get(0).saleId()).isNotEqualTo(sales.get(0).saleId());
    }

    @Test
    void catalogueDoesNotDependOnSalesDrawnBefore() {
        SalesSimulation simulation = new SalesSimulation(SimulationSettings.withSeed(42));
        draw(simulation, 1_000, 0);

        assertThat(simulation.catalogue(AT)).isEqualTo(catalogue);
    }

    @Test
    void salesDoNotDependOnWhetherCatalogueWasAskedFor() {
        SalesSimulation withoutCatalogue = new SalesSimulation(SimulationSettings.withSeed(42));

        assertThat(draw(withoutCatalogue, 500, 0)).isEqualTo(sales.subList(0, 500));
    }

    @Test
    void salesDoNotDependOnTheBusinessTimesGiven() {
        SalesSimulation simulation = new SalesSimulation(SimulationSettings.withSeed(42));
        Instant later = Instant.parse("2031-06-30T23:59:59Z");
        for (int i = 0; i < 500; i++) {
            PlaceSaleCommand sale = simulation.nextSale(later.minusSeconds(i * 7919L));
            PlaceSaleCommand expected = sales.get(i);
            assertThat(sale.placedAt()).isEqualTo(later.minusSeconds(i * 7919L));
            assertThat(sale).usingRecursiveComparison().ignoringFields("placedAt").isEqualTo(expected);
        }
    }

    @Test
    void catalogueTimesAreTheGivenInstant() {
        Instant other = Instant.parse("2025-05-05T05:05:05Z");
        List<Object> commands = new SalesSimulation(SimulationSettings.withSeed(42)).catalogue(other);

        assertThat(commands).allSatisfy(c -> assertThat(businessTime(c)).isEqualTo(other));
        assertThat(catalogue).allSatisfy(c -> assertThat(businessTime(c)).isEqualTo(AT));
    }

    @Test
    void skipThenNextSaleEqualsTheSaleAfterThatManyOfAFreshSimulation() {
        for (long n : new long[] {0, 1, 17, 4_321, SALES - 1}) {
            SalesSimulation resumed = new SalesSimulation(SimulationSettings.withSeed(42));
            resumed.skip(n);

            assertThat(resumed.salesGenerated()).isEqualTo(n);
            assertThat(resumed.nextSale(placedAt((int) n))).isEqualTo(sales.get((int) n));
            assertThat(resumed.salesGenerated()).isEqualTo(n + 1);
        }
    }

    @Test
    void skipAfterSomeSalesContinuesTheSameSequence() {
        SalesSimulation simulation = new SalesSimulation(SimulationSettings.withSeed(42));
        draw(simulation, 10, 0);
        simulation.skip(90);

        assertThat(simulation.nextSale(placedAt(100))).isEqualTo(sales.get(100));
    }

    @Test
    void countsTheSalesGenerated() {
        SalesSimulation simulation = new SalesSimulation(SimulationSettings.withSeed(42));
        assertThat(simulation.salesGenerated()).isZero();
        draw(simulation, 3, 0);
        assertThat(simulation.salesGenerated()).isEqualTo(3);
    }

    @Test
    void refusesNegativeSkip() {
        SalesSimulation simulation = new SalesSimulation(SimulationSettings.withSeed(42));

        assertThatThrownBy(() -> simulation.skip(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(simulation.salesGenerated()).isZero();
    }

    @Test
    void listsProductsThenStoresThenCustomersInTheConfiguredNumbers() {
        assertThat(catalogue).hasSize(120 + 24 + 500);
        assertThat(catalogue.subList(0, 120)).allMatch(ListProductCommand.class::isInstance);
        assertThat(catalogue.subList(120, 144)).allMatch(OpenStoreCommand.class::isInstance);
        assertThat(catalogue.subList(144, 644)).allMatch(RegisterCustomerCommand.class::isInstance);
    }

    @Test
    void idsAreUnique() {
        Set<String> ids = new HashSet<>();
        catalogue.forEach(c -> ids.add(aggregateId(c)));
        sales.forEach(s -> ids.add(s.saleId()));

        assertThat(ids).hasSize(catalogue.size() + SALES);
    }

    @Test
    void skusAndEmailsAreUnique() {
        assertThat(products.values().stream().map(ListProductCommand::sku).distinct()).hasSize(120);
        assertThat(customers.values().stream().map(RegisterCustomerCommand::email).distinct()).hasSize(500);
        assertThat(customers.values()).allSatisfy(c -> assertThat(c.email()).matches("[a-z0-9.]+@[a-z0-9.-]+"));
    }

    @Test
    void everySaleIsPaidInTheCurrencyOfItsStoresCountry() {
        assertThat(sales).allSatisfy(sale -> {
            OpenStoreCommand store = stores.get(sale.storeId());
            // The JDK's own table is the oracle, not the generator's.
            String expected = Currency.getInstance(new Locale("", store.country())).getCurrencyCode();
            assertThat(sale.currency()).isEqualTo(expected);
        });
    }

    @Test
    void unitPricesUseTheMinorUnitsOfTheSaleCurrency() {
        assertThat(sales).allSatisfy(sale -> assertThat(sale.lines()).allSatisfy(line -> assertThat(
                line.unitPrice().scale()).isEqualTo(Currency.getInstance(sale.currency()).getDefaultFractionDigits())));
        assertThat(sales).anyMatch(s -> s.currency().equals("JPY"));
    }

    @Test
    void euroSalesAreAtListPrice() {
        List<PlaceSaleCommand> euroSales = sales.stream().filter(s -> s.currency().equals("EUR")).toList();

        assertThat(euroSales).isNotEmpty().allSatisfy(sale -> assertThat(sale.lines()).allSatisfy(
                line -> assertThat(line.unitPrice()).isEqualTo(products.get(line.productId()).price())));
    }

    @Test
    void salesReferToTheCatalogue() {
        assertThat(sales).allSatisfy(sale -> {
            assertThat(customers).containsKey(sale.customerId());
            assertThat(stores).containsKey(sale.storeId());
            assertThat(sale.lines()).allSatisfy(line -> assertThat(products).containsKey(line.productId()));
        });
    }

    @Test
    void servesAtLeastTwelveCountriesEachWithAStore() {
        Set<String> customerCountries = customers.values().stream()
                .map(RegisterCustomerCommand::country).collect(Collectors.toSet());
        Set<String> storeCountries = stores.values().stream()
                .map(OpenStoreCommand::country).collect(Collectors.toSet());

        assertThat(customerCountries).hasSizeGreaterThanOrEqualTo(12);
        assertThat(storeCountries).containsAll(customerCountries);
        assertThat(sales.stream().map(PlaceSaleCommand::currency).distinct()).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void mostSalesAreInTheCustomersOwnCountry() {
        long home = sales.stream()
                .filter(s -> stores.get(s.storeId()).country().equals(customers.get(s.customerId()).country()))
                .count();

        assertThat(home).isGreaterThan(SALES * 85L / 100);
        assertThat(home).isLessThan(SALES);
    }

    @Test
    void opensOnlineAndPhysicalStoresWithOnlineStoresInTheMainCity() {
        assertThat(stores.values()).anyMatch(s -> s.kind() == StoreKind.ONLINE)
                .anyMatch(s -> s.kind() == StoreKind.PHYSICAL);
        assertThat(stores.values().stream().filter(s -> s.kind() == StoreKind.ONLINE))
                .allSatisfy(s -> assertThat(s.name()).contains("Online " + s.country()));
    }

    @Test
    void aFewCustomersPlaceAMuchLargerShareOfSales() {
        Map<String, Long> perCustomer = sales.stream().collect(groupingBy(PlaceSaleCommand::customerId, counting()));
        List<Long> counts = new ArrayList<>(perCustomer.values());
        counts.sort(Comparator.reverseOrder());
        long topFivePercent = counts.stream().limit(500 / 20).mapToLong(Long::longValue).sum();

        // A uniform choice would give the top 25 of 500 customers about 7% of 10,000 sales.
        assertThat(topFivePercent).isGreaterThan(SALES * 20L / 100);
    }

    @Test
    void channelsFitTheStoreKindAndCashIsOnlyTakenInStore() {
        Map<StoreKind, List<PlaceSaleCommand>> byKind = sales.stream()
                .collect(groupingBy(s -> stores.get(s.storeId()).kind()));

        assertThat(byKind.get(StoreKind.ONLINE)).isNotEmpty()
                .noneMatch(s -> s.channel() == SalesChannel.IN_STORE);
        List<PlaceSaleCommand> inShops = byKind.get(StoreKind.PHYSICAL);
        assertThat(inShops.stream().filter(s -> s.channel() == SalesChannel.IN_STORE).count())
                .isGreaterThan(inShops.size() * 80L / 100);
        assertThat(sales).filteredOn(s -> s.paymentMethod() == PaymentMethod.CASH).isNotEmpty()
                .allMatch(s -> s.channel() == SalesChannel.IN_STORE);
        assertThat(sales.stream().map(PlaceSaleCommand::channel).distinct()).hasSize(SalesChannel.values().length);
        assertThat(sales.stream().collect(groupingBy(PlaceSaleCommand::paymentMethod, counting())))
                .containsOnlyKeys(PaymentMethod.values())
                .allSatisfy((method, count) -> assertThat(count).isLessThanOrEqualTo(
                        sales.stream().filter(s -> s.paymentMethod() == PaymentMethod.CARD).count()));
    }

    @Test
    void basketsHaveOneToFourDistinctProductsMostlyOneAtATime() {
        assertThat(sales).allSatisfy(sale -> {
            assertThat(sale.lines()).hasSizeBetween(1, 4);
            assertThat(sale.lines().stream().map(SaleLine::productId).distinct()).hasSameSizeAs(sale.lines());
            assertThat(sale.lines()).allSatisfy(line -> assertThat(line.quantity()).isBetween(1, 3));
        });
        List<SaleLine> lines = sales.stream().flatMap(s -> s.lines().stream()).toList();
        assertThat(lines.stream().filter(l -> l.quantity() == 1).count()).isGreaterThan(lines.size() * 70L / 100);
        assertThat(sales.stream().filter(s -> s.lines().size() == 1).count()).isGreaterThan(SALES / 2);
        assertThat(sales).anyMatch(s -> s.lines().size() == 4);
    }

    @Test
    void smallSettingsStillMakeValidSales() {
        SalesSimulation tiny = new SalesSimulation(new SimulationSettings(7, 1, 1, 1));
        List<Object> commands = tiny.catalogue(AT);
        List<PlaceSaleCommand> tinySales = draw(tiny, 200, 0);

        assertThat(commands).hasSize(3);
        assertThat(tinySales).allSatisfy(s -> assertThat(s.lines()).hasSize(1));
    }

    @Test
    void customersLiveOnlyWhereThereIsAStore() {
        List<Object> commands = new SalesSimulation(new SimulationSettings(7, 10, 200, 3)).catalogue(AT);
        Set<String> storeCountries = byId(commands, OpenStoreCommand.class, OpenStoreCommand::storeId).values()
                .stream().map(OpenStoreCommand::country).collect(Collectors.toSet());

        assertThat(byId(commands, RegisterCustomerCommand.class, RegisterCustomerCommand::customerId).values())
                .allSatisfy(c -> assertThat(storeCountries).contains(c.country()));
    }

    @Test
    void defaultSettingsAreTheDocumentedShop() {
        assertThat(SimulationSettings.withSeed(9)).isEqualTo(new SimulationSettings(9, 120, 500, 24));
        assertThatThrownBy(() -> new SimulationSettings(1, 0, 500, 24)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulationSettings(1, 120, 0, 24)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulationSettings(1, 120, 500, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void growingTheCatalogueKeepsTheExistingEntities() {
        List<Object> bigger = new SalesSimulation(new SimulationSettings(42, 150, 600, 24)).catalogue(AT);

        assertThat(bigger).containsAll(catalogue);
    }

    private static List<PlaceSaleCommand> draw(SalesSimulation simulation, int count, int first) {
        List<PlaceSaleCommand> drawn = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            drawn.add(simulation.nextSale(placedAt(first + i)));
        }
        return drawn;
    }

    private static Instant placedAt(int saleNumber) {
        return AT.plus(Duration.ofSeconds(37L * saleNumber));
    }

    private static <T> Map<String, T> byId(List<Object> commands, Class<T> type, Function<T, String> id) {
        return commands.stream().filter(type::isInstance).map(type::cast)
                .collect(Collectors.toMap(id, Function.identity()));
    }

    private static String aggregateId(Object command) {
        if (command instanceof ListProductCommand c) {
            return c.productId();
        } else if (command instanceof OpenStoreCommand c) {
            return c.storeId();
        } else if (command instanceof RegisterCustomerCommand c) {
            return c.customerId();
        }
        throw new AssertionError(command);
    }

    private static Instant businessTime(Object command) {
        if (command instanceof ListProductCommand c) {
            return c.listedAt();
        } else if (command instanceof OpenStoreCommand c) {
            return c.openedAt();
        } else if (command instanceof RegisterCustomerCommand c) {
            return c.registeredAt();
        }
        throw new AssertionError(command);
    }
}
