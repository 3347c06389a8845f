package dev.salesflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salesflow.app.gold.MartScheduler;
import dev.salesflow.domain.api.customer.ChangeLoyaltyTierCommand;
import dev.salesflow.domain.api.customer.RegisterCustomerCommand;
import dev.salesflow.domain.api.fx.PublishExchangeRatesCommand;
import dev.salesflow.domain.api.product.ListProductCommand;
import dev.salesflow.domain.api.product.RecategoriseProductCommand;
import dev.salesflow.domain.api.sale.CancelSaleCommand;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.api.sale.RefundSaleCommand;
import dev.salesflow.domain.api.store.OpenStoreCommand;
import dev.salesflow.events.sale.SaleLine;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.generation.GeneratorRunner;
import dev.salesflow.generation.PipelineBacklog;
import dev.salesflow.generator.SalesSimulation;
import dev.salesflow.generator.SimulationSettings;
import dev.salesflow.gold.ModelRunner;
import dev.salesflow.warehouse.Warehouse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every gold mart against the same figure computed here, in Java, from the commands of the
 * fixed-seed simulation alone (not from silver, not with the project's SQL): net revenue in euros
 * per line (discount, refunds, cancellation; the sale day's rate), the category and loyalty tier
 * valid when each sale was placed, and the groupings of each mart. The whole pipeline runs as in
 * {@link PipelineEndToEndIT}; the orchestrator refreshes gold every second, incrementally.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldMartsMatchEventsIT {

    static final long SEED = 11;
    static final int SALES = 200;
    static final SimulationSettings SETTINGS = new SimulationSettings(SEED, 120, 300, 40);
    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    /** Business time per clock reading: 200 sales span about two weeks, several ISO weeks and two months. */
    static final Duration STEP = Duration.ofMinutes(100);

    @Autowired
    GeneratorRunner generator;

    @Autowired
    Warehouse warehouse;

    @Autowired
    MartScheduler marts;

    @Autowired
    PipelineBacklog backlog;

    @Autowired
    EventStoreQueries eventStore;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("salesflow-gold-it");
        registry.add("salesflow.data-dir", dataDir::toString);
        registry.add("salesflow.generator.seed", () -> SEED);
        registry.add("salesflow.generator.products", SETTINGS::products);
        registry.add("salesflow.generator.customers", SETTINGS::customers);
        registry.add("salesflow.generator.stores", SETTINGS::stores);
        registry.add("salesflow.generator.count", () -> SALES);
        registry.add("salesflow.generator.rate", () -> 0);
        registry.add("salesflow.marts.refresh-interval", () -> "1s");
        int grpcPort = PipelineEndToEndIT.freePort();
        int restPort = PipelineEndToEndIT.freePort();
        registry.add("salesflow.pubsub.emulator.grpc-port", () -> grpcPort);
        registry.add("salesflow.pubsub.emulator.rest-port", () -> restPort);
    }

    @TestConfiguration
    static class SteppingBusinessClock {
        @Bean
        @Primary
        Clock steppingBusinessClock() {
            return new PipelineEndToEndIT.SteppingClock(START, STEP);
        }
    }

    /** One sale line as the business sees it in the end. */
    record Line(
            PlaceSaleCommand sale,
            SaleLine line,
            String country,
            String category,
            String tier,
            boolean cancelled,
            long netUnits,
            BigDecimal netSaleCurrency,
            BigDecimal netEuro) {

        LocalDate day() {
            return LocalDate.ofInstant(sale.placedAt(), ZoneOffset.UTC);
        }
    }

    final List<Line> lines = new ArrayList<>();
    final Set<String> cancelled = new HashSet<>();

    @BeforeAll
    void simulateIndependentlyAndWait() {
        PipelineEndToEndIT.SteppingClock clock = new PipelineEndToEndIT.SteppingClock(START, STEP);
        clock.instant();
        SalesSimulation simulation = SalesSimulation.live(SETTINGS, clock::instant);
        List<Object> commands = new ArrayList<>();
        int sales = 0;
        while (sales < SALES) {
            Object command = simulation.next().command();
            commands.add(command);
            if (command instanceof PlaceSaleCommand) {
                sales++;
            }
        }
        computeLines(commands);
        BigDecimal total = total(lines, Line::netEuro);
        await("gold to reflect every generated sale")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> generator.finished() && martsDone(total));
        // The marts above may be right while the run that built them is still building the models
        // after them (the views come last), and before bronze or the customer histories took in the
        // registrations sent after the last sale: wait for every stage, then for a whole run after that.
        Instant settled =
                PipelineSettled.awaitEveryStageAtTheHead(backlog, warehouse, eventStore, Duration.ofMinutes(2));
        PipelineSettled.awaitWholeGoldRunAfter(warehouse, settled, Duration.ofMinutes(2));
    }

    boolean martsDone(BigDecimal total) {
        if (!warehouse.tableExists("sales_gold", "mart_top_vip_customers")) {
            return false;
        }
        BigDecimal daily = warehouse
                .query(
                        "select coalesce(sum(revenue), 0) from sales_gold.mart_sales_by_country_daily",
                        r -> r.getBigDecimal(1))
                .get(0);
        long soldSales = warehouse
                .query("select coalesce(sum(sales), 0) from sales_gold.mart_sales_by_country", r -> r.getLong(1))
                .get(0);
        long versions = warehouse
                .query(
                        "select count(*) from sales_gold.fct_sale_lines where customer_sk is null"
                                + " or product_sk is null",
                        r -> r.getLong(1))
                .get(0);
        BigDecimal customers = warehouse
                .query(
                        "select coalesce(sum(lifetime_net_spend), 0) from" + " sales_gold.mart_customer_rfm",
                        r -> r.getBigDecimal(1))
                .get(0);
        return soldSales == SALES && versions == 0 && daily.compareTo(total) == 0 && customers.compareTo(total) == 0;
    }

    void computeLines(List<Object> commands) {
        TreeMap<LocalDate, Map<String, BigDecimal>> rates = new TreeMap<>();
        Map<String, String> countryOfStore = new HashMap<>();
        Map<String, TreeMap<Instant, String>> categories = new HashMap<>();
        Map<String, TreeMap<Instant, String>> tiers = new HashMap<>();
        Map<String, PlaceSaleCommand> sales = new HashMap<>();
        ExpectedRefunds refunds = new ExpectedRefunds();
        List<PlaceSaleCommand> placed = new ArrayList<>();
        for (Object command : commands) {
            if (command instanceof PublishExchangeRatesCommand published) {
                rates.put(published.day(), published.rates());
            } else if (command instanceof OpenStoreCommand store) {
                countryOfStore.put(store.storeId(), store.country());
            } else if (command instanceof ListProductCommand product) {
                categories
                        .computeIfAbsent(product.productId(), k -> new TreeMap<>())
                        .put(product.listedAt(), product.category());
            } else if (command instanceof RecategoriseProductCommand change) {
                categories.get(change.productId()).put(change.recategorisedAt(), change.category());
            } else if (command instanceof RegisterCustomerCommand customer) {
                tiers.computeIfAbsent(customer.customerId(), k -> new TreeMap<>())
                        .put(customer.registeredAt(), customer.loyaltyTier().name());
            } else if (command instanceof ChangeLoyaltyTierCommand change) {
                tiers.get(change.customerId())
                        .put(change.changedAt(), change.loyaltyTier().name());
            } else if (command instanceof PlaceSaleCommand sale) {
                sales.put(sale.saleId(), sale);
                placed.add(sale);
            } else if (command instanceof CancelSaleCommand cancel) {
                cancelled.add(cancel.saleId());
            } else if (command instanceof RefundSaleCommand refund) {
                refunds.record(sales.get(refund.saleId()), refund);
            }
        }
        for (PlaceSaleCommand sale : placed) {
            boolean isCancelled = cancelled.contains(sale.saleId());
            BigDecimal rate = PipelineEndToEndIT.euroRate(
                    rates, sale.currency(), LocalDate.ofInstant(sale.placedAt(), ZoneOffset.UTC));
            for (SaleLine line : sale.lines()) {
                BigDecimal refunded = refunds.amount(sale.saleId(), line.productId());
                long refundedQuantity = refunds.units(sale.saleId(), line.productId());
                BigDecimal euro = isCancelled
                        ? BigDecimal.ZERO
                        : line.netAmount()
                                .divide(rate, 2, RoundingMode.HALF_EVEN)
                                .subtract(refunded.divide(rate, 2, RoundingMode.HALF_EVEN));
                lines.add(new Line(
                        sale,
                        line,
                        countryOfStore.get(sale.storeId()),
                        categories
                                .get(line.productId())
                                .floorEntry(sale.placedAt())
                                .getValue(),
                        tiers.get(sale.customerId()).floorEntry(sale.placedAt()).getValue(),
                        isCancelled,
                        isCancelled ? 0 : line.quantity() - refundedQuantity,
                        isCancelled ? BigDecimal.ZERO : line.netAmount().subtract(refunded),
                        euro));
            }
        }
    }

    static BigDecimal total(List<Line> lines, Function<Line, BigDecimal> amount) {
        return lines.stream().map(amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Java's figure per key. */
    Map<String, BigDecimal> expected(Function<Line, String> key, Function<Line, BigDecimal> amount) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        lines.forEach(line -> sums.merge(key.apply(line), amount.apply(line), BigDecimal::add));
        return sums;
    }

    /** The mart's figure per key: {@code select key, figure from ...}. */
    Map<String, BigDecimal> actual(String sql) {
        Map<String, BigDecimal> rows = new TreeMap<>();
        warehouse.query(sql, r -> rows.merge(r.getString(1), r.getBigDecimal(2), BigDecimal::add));
        return rows;
    }

    static void assertSame(Map<String, BigDecimal> actual, Map<String, BigDecimal> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, value) -> assertThat(actual.get(key)).as(key).isEqualByComparingTo(value));
    }

    static BigDecimal one(Line line) {
        return line.line() == line.sale().lines().get(0) ? BigDecimal.ONE : BigDecimal.ZERO;
    }

    @Test
    void aRunWithItsTestsPassesAndTheStoreBronzeAndSilverReconcile() {
        ModelRunner.RunResult result =
                marts.runNow(new ModelRunner.Request("it", List.of(), false, true, true), line -> {});

        assertThat(result.failedModels()).isEmpty();
        assertThat(result.skippedModels()).isEmpty();
        // business times of the simulation are in the past: silver's freshness (on placed_at) fails by design
        assertThat(result.failedTests()).as(result.summary()).allMatch(t -> t.startsWith("source_freshness_"));
        assertThat(result.warnedTests()).isEmpty();
        assertThat(result.reconciliation())
                .isEqualTo(new ModelRunner.Reconciliation((long) SALES, (long) SALES, (long) SALES, "MATCH"));
    }

    @Test
    void theSimulationHasSeveralOfEverything() {
        assertThat(lines.stream().map(Line::country).distinct().count()).isGreaterThan(2);
        assertThat(lines.stream().map(Line::day).distinct().count()).isGreaterThan(7);
        assertThat(lines.stream().map(l -> l.sale().currency()).distinct().count())
                .isGreaterThan(1);
    }

    @Test
    void salesByCountryPerDayAndOverall() {
        assertSame(
                actual("select sale_date || '|' || country, revenue from sales_gold.mart_sales_by_country_daily"),
                expected(l -> l.day() + "|" + l.country(), Line::netEuro));
        assertSame(
                actual("select sale_date || '|' || country, revenue from sales_gold.revenue_daily_by_country"),
                expected(l -> l.day() + "|" + l.country(), Line::netEuro));
        assertSame(
                actual("select country, revenue from sales_gold.mart_sales_by_country"),
                expected(Line::country, Line::netEuro));
        assertSame(
                actual("select country, sales from sales_gold.mart_sales_by_country"),
                expected(Line::country, GoldMartsMatchEventsIT::one));
    }

    @Test
    void salesByProductWithTheTopSellers() {
        Map<String, BigDecimal> revenue = expected(l -> l.line().productId(), Line::netEuro);
        assertSame(actual("select product_id, revenue from sales_gold.mart_sales_by_product"), revenue);
        assertSame(
                actual("select product_id, units from sales_gold.mart_sales_by_product"),
                expected(l -> l.line().productId(), l -> BigDecimal.valueOf(l.netUnits())));
        BigDecimal tenth = revenue.values().stream()
                .sorted(Comparator.reverseOrder())
                .skip(9)
                .findFirst()
                .orElseThrow();
        Set<String> top = new HashSet<>();
        revenue.forEach((product, value) -> {
            if (value.compareTo(tenth) >= 0) {
                top.add(product);
            }
        });
        assertThat(warehouse.query(
                        "select product_id from sales_gold.mart_sales_by_product where is_top_seller",
                        r -> r.getString(1)))
                .containsExactlyInAnyOrderElementsOf(top);
    }

    @Test
    void salesByStoreCategoryChannelAndPaymentMethod() {
        assertSame(
                actual("select store_key, revenue from sales_gold.mart_sales_by_store"),
                expected(l -> l.sale().storeId(), Line::netEuro));
        assertSame(
                actual("select category, revenue from sales_gold.mart_sales_by_category"),
                expected(Line::category, Line::netEuro));
        assertSame(
                actual("select category, revenue from sales_gold.revenue_by_category_at_sale"),
                expected(Line::category, Line::netEuro));
        assertSame(
                actual("select channel, revenue from sales_gold.mart_sales_by_channel"),
                expected(l -> l.sale().channel().name(), Line::netEuro));
        assertSame(
                actual("select channel, sales from sales_gold.mart_sales_by_channel"),
                expected(l -> l.sale().channel().name(), GoldMartsMatchEventsIT::one));
        assertSame(
                actual("select payment_method, revenue from sales_gold.mart_payment_methods"),
                expected(l -> l.sale().paymentMethod().name(), Line::netEuro));
        assertSame(
                actual("select country || '|' || payment_method, revenue from"
                        + " sales_gold.mart_payment_methods_by_country"),
                expected(l -> l.country() + "|" + l.sale().paymentMethod().name(), Line::netEuro));
    }

    @Test
    void currencySplitInSaleAndReportingCurrency() {
        assertSame(
                actual("select sale_currency, revenue_sale_currency from sales_gold.mart_currency_split"),
                expected(l -> l.sale().currency(), Line::netSaleCurrency));
        assertSame(
                actual("select sale_currency, revenue from sales_gold.mart_currency_split"),
                expected(l -> l.sale().currency(), Line::netEuro));
    }

    @Test
    void revenueOverTimeByDayIsoWeekAndMonthWithGrowth() {
        assertSame(
                actual(
                        "select period_start, revenue from sales_gold.mart_revenue_over_time where period_grain = 'day'"),
                expected(l -> l.day().toString(), Line::netEuro));
        assertSame(
                actual(
                        "select period_start, revenue from sales_gold.mart_revenue_over_time where period_grain = 'week'"),
                expected(
                        l -> l.day()
                                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                                .toString(),
                        Line::netEuro));
        Map<String, BigDecimal> months = expected(l -> l.day().withDayOfMonth(1).toString(), Line::netEuro);
        assertSame(
                actual(
                        "select period_start, revenue from sales_gold.mart_revenue_over_time where period_grain = 'month'"),
                months);
        List<String> ordered = new ArrayList<>(months.keySet());
        if (ordered.size() > 1 && months.get(ordered.get(0)).signum() != 0) {
            BigDecimal growth = months.get(ordered.get(1))
                    .subtract(months.get(ordered.get(0)))
                    .divide(months.get(ordered.get(0)), 6, RoundingMode.HALF_EVEN);
            assertThat(warehouse
                            .query(
                                    "select revenue_growth from sales_gold.mart_revenue_over_time where period_grain"
                                            + " = 'month' and period_start = '" + ordered.get(1) + "'",
                                    r -> r.getDouble(1))
                            .get(0))
                    .isCloseTo(growth.doubleValue(), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void revenueByTheLoyaltyTierHeldAtPurchase() {
        assertSame(
                actual("select loyalty_tier, revenue from sales_gold.revenue_by_loyalty_tier_at_purchase"),
                expected(Line::tier, Line::netEuro));
        assertSame(
                actual("select loyalty_tier, revenue from sales_gold.mart_sales_by_loyalty_tier_daily"),
                expected(Line::tier, Line::netEuro));
    }

    @Test
    void customersLifetimeSegmentsAndTopVips() {
        Map<String, BigDecimal> spend = expected(l -> l.sale().customerId(), Line::netEuro);
        assertSame(actual("select customer_id, lifetime_net_spend from sales_gold.mart_customer_lifetime"), spend);
        assertSame(
                actual("select customer_id, orders from sales_gold.mart_customer_lifetime"),
                expected(l -> l.sale().customerId(), l -> l.cancelled() ? BigDecimal.ZERO : one(l)));
        assertSame(actual("select customer_id, lifetime_net_spend from sales_gold.mart_customer_rfm"), spend);
        assertThat(warehouse.query(
                        "select sum(customers), sum(lifetime_net_spend) from sales_gold.mart_customer_segments",
                        r -> r.getLong(1) + "|"
                                + r.getBigDecimal(2).stripTrailingZeros().toPlainString()))
                .containsExactly(spend.size() + "|"
                        + total(lines, Line::netEuro).stripTrailingZeros().toPlainString());
        List<String> vips = spend.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(100)
                .map(Map.Entry::getKey)
                .toList();
        assertThat(warehouse.query(
                        "select customer_id from sales_gold.mart_top_vip_customers order by vip_rank",
                        r -> r.getString(1)))
                .containsExactlyElementsOf(vips);
    }
}
