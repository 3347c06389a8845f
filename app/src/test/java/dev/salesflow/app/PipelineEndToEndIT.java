package dev.salesflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salesflow.domain.api.customer.RegisterCustomerCommand;
import dev.salesflow.domain.api.fx.PublishExchangeRatesCommand;
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
import dev.salesflow.generator.TimedCommand;
import dev.salesflow.warehouse.Warehouse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A fixed-seed run through the whole running pipeline: generator → Axon event store → relay →
 * Pub/Sub emulator → Beam bronze → projections → gold mart. The test waits for the pipeline to
 * drain, then checks every layer against what it computes itself from the same simulation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // stop the whole pipeline afterwards rather than keep it running beside the next tests
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineEndToEndIT {

    static final long SEED = 7;
    static final int SALES = 150;
    /** A small shop keeps the test short: every registration also travels through bronze. */
    static final SimulationSettings SETTINGS = new SimulationSettings(SEED, 120, 400, 48);

    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    /** Business time advances this much per clock reading: 150 sales span about five days. */
    static final Duration STEP = Duration.ofMinutes(47);

    static Path dataDir;

    @Autowired
    GeneratorRunner generator;

    @Autowired
    EventStoreQueries eventStore;

    @Autowired
    Warehouse warehouse;

    @Autowired
    PipelineBacklog backlog;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        dataDir = Files.createTempDirectory("salesflow-e2e");
        registry.add("salesflow.data-dir", () -> dataDir.toString());
        registry.add("salesflow.generator.seed", () -> SEED);
        registry.add("salesflow.generator.products", SETTINGS::products);
        registry.add("salesflow.generator.customers", SETTINGS::customers);
        registry.add("salesflow.generator.stores", SETTINGS::stores);
        registry.add("salesflow.generator.count", () -> SALES);
        registry.add("salesflow.generator.rate", () -> 0);
        registry.add("salesflow.marts.refresh-interval", () -> "1s");
        // Suppliers are read lazily and repeatedly: pick each port once.
        int grpcPort = freePort();
        int restPort = freePort();
        registry.add("salesflow.pubsub.emulator.grpc-port", () -> grpcPort);
        registry.add("salesflow.pubsub.emulator.rest-port", () -> restPort);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }

    @TestConfiguration
    static class SteppingBusinessClock {
        @Bean
        @Primary
        Clock steppingBusinessClock() {
            return new SteppingClock(START, STEP);
        }
    }

    /** Reading i returns START + i × STEP: the catalogue gets reading 0, sale n reading n. */
    static final class SteppingClock extends Clock {
        private final Instant start;
        private final Duration step;
        private final AtomicLong readings = new AtomicLong();

        SteppingClock(Instant start, Duration step) {
            this.start = start;
            this.step = step;
        }

        @Override
        public Instant instant() {
            return start.plus(step.multipliedBy(readings.getAndIncrement()));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }

    List<PlaceSaleCommand> expectedSales;
    /** Every command the application sends, up to and including the last sale. */
    List<Object> expectedCommands;

    Map<String, String> countryOfStore;
    Instant catalogueAt;

    /**
     * The same live simulation with its own stepping clock: the generator reads the business clock
     * once at start-up (the seed lock's day), then once per tick of the simulation.
     */
    @BeforeAll
    void simulateIndependently() {
        SteppingClock clock = new SteppingClock(START, STEP);
        clock.instant();
        SalesSimulation simulation = SalesSimulation.live(SETTINGS, clock::instant);
        expectedSales = new ArrayList<>();
        expectedCommands = new ArrayList<>();
        countryOfStore = new HashMap<>();
        while (expectedSales.size() < SALES) {
            TimedCommand next = simulation.next();
            expectedCommands.add(next.command());
            if (next.command() instanceof OpenStoreCommand store) {
                countryOfStore.put(store.storeId(), store.country());
            } else if (next.command() instanceof RegisterCustomerCommand customer && catalogueAt == null) {
                catalogueAt = customer.registeredAt();
            } else if (next.command() instanceof PlaceSaleCommand sale) {
                expectedSales.add(sale);
            }
        }
        awaitDrained();
    }

    void awaitDrained() {
        long expectedLines =
                expectedSales.stream().mapToLong(s -> s.lines().size()).sum();
        await("the pipeline to drain")
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> generator.finished()
                        && bronzeCount() == eventStore.countEvents()
                        && silverCount() == expectedLines
                        && martSales() == SALES);
        // The registrations sent after the last sale reach the customer histories later.
        PipelineSettled.awaitEveryStageAtTheHead(backlog, warehouse, eventStore, Duration.ofMinutes(2));
    }

    long bronzeCount() {
        return warehouse.tableExists("sales_bronze", "sales_events")
                ? warehouse.count("sales_bronze.sales_events")
                : -1;
    }

    long silverCount() {
        return warehouse.tableExists("sales_silver", "sale_lines") ? warehouse.count("sales_silver.sale_lines") : -1;
    }

    long martSales() {
        if (!warehouse.tableExists("sales_gold", "revenue_daily_by_country")) {
            return -1;
        }
        return warehouse
                .query("select coalesce(sum(sales), 0) from sales_gold.revenue_daily_by_country", row -> row.getLong(1))
                .get(0);
    }

    @Test
    void bronzeHoldsEveryStoredEventExactlyOnce() {
        List<String> stored = eventStore.eventIds();
        List<String> landed = warehouse.query("select event_id from sales_bronze.sales_events", r -> r.getString(1));

        // Each command of the simulation is accepted and stores exactly one event.
        assertThat(stored).hasSize(expectedCommands.size());
        assertThat(landed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored);
        assertThat(warehouse.count("sales_bronze.sales_events_error_records")).isZero();
        assertThat(generator.rejected()).isZero();
    }

    @Test
    void silverHoldsExactlyTheGeneratedLines() {
        Set<String> expected = new HashSet<>();
        for (PlaceSaleCommand sale : expectedSales) {
            for (int i = 0; i < sale.lines().size(); i++) {
                SaleLine line = sale.lines().get(i);
                expected.add(String.join(
                        "|",
                        sale.saleId(),
                        Integer.toString(i + 1),
                        line.productId(),
                        Integer.toString(line.quantity()),
                        line.unitPrice().stripTrailingZeros().toPlainString(),
                        line.discount().stripTrailingZeros().toPlainString(),
                        line.netAmount().stripTrailingZeros().toPlainString(),
                        sale.currency(),
                        sale.placedAt().toString()));
            }
        }
        List<String> actual = warehouse.query(
                "select sale_id, line_number, product_id, quantity, unit_price,"
                        + " discount, amount, currency, placed_at from sales_silver.sale_lines",
                r -> String.join(
                        "|",
                        r.getString(1),
                        Integer.toString(r.getInt(2)),
                        r.getString(3),
                        Integer.toString(r.getInt(4)),
                        r.getBigDecimal(5).stripTrailingZeros().toPlainString(),
                        r.getBigDecimal(6).stripTrailingZeros().toPlainString(),
                        r.getBigDecimal(7).stripTrailingZeros().toPlainString(),
                        r.getString(8),
                        r.getObject(9, java.time.LocalDateTime.class)
                                .toInstant(ZoneOffset.UTC)
                                .toString()));

        assertThat(actual).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void martRevenuePerDayAndCountryEqualsTheNetEuroRevenueOfTheGeneratedSales() {
        Map<String, BigDecimal> expected = new TreeMap<>();
        netEuroRevenueBySale()
                .forEach((sale, revenue) -> expected.merge(
                        LocalDate.ofInstant(sale.placedAt(), ZoneOffset.UTC) + "|" + countryOfStore.get(sale.storeId()),
                        revenue,
                        BigDecimal::add));
        Map<String, BigDecimal> actual = new TreeMap<>();
        warehouse.query(
                "select sale_date, country, sum(revenue) from sales_gold.revenue_daily_by_country"
                        + " where currency = 'EUR' group by sale_date, country",
                r -> actual.put(r.getObject(1, LocalDate.class) + "|" + r.getString(2), r.getBigDecimal(3)));

        assertThat(expected.keySet()).hasSizeGreaterThan(5); // several days and countries, not one bucket
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, revenue) -> assertThat(actual.get(key)).as(key).isEqualByComparingTo(revenue));
    }

    /**
     * What each sale finally earned in euros, from the commands alone, by the rules docs/projections.md
     * states: each line net of its discount and of its refunds (the domain's pro rata amounts), 0 if
     * cancelled, converted at the rate of the sale's UTC day (else the latest earlier day) kept to 10
     * decimals, amount and refunded amount each rounded HALF_EVEN to cents. (150 live sales at this
     * pace end before the simulation's first cancellation or refund falls due; the projections'
     * own tests cover those.)
     */
    Map<PlaceSaleCommand, BigDecimal> netEuroRevenueBySale() {
        TreeMap<LocalDate, Map<String, BigDecimal>> rates = new TreeMap<>();
        Map<String, PlaceSaleCommand> sales = new HashMap<>();
        ExpectedRefunds refunds = new ExpectedRefunds();
        Set<String> cancelled = new HashSet<>();
        for (Object command : expectedCommands) {
            if (command instanceof PublishExchangeRatesCommand published) {
                rates.put(published.day(), published.rates());
            } else if (command instanceof PlaceSaleCommand sale) {
                sales.put(sale.saleId(), sale);
            } else if (command instanceof CancelSaleCommand cancel) {
                cancelled.add(cancel.saleId());
            } else if (command instanceof RefundSaleCommand refund) {
                refunds.record(sales.get(refund.saleId()), refund);
            }
        }
        Map<PlaceSaleCommand, BigDecimal> revenue = new HashMap<>();
        for (PlaceSaleCommand sale : expectedSales) {
            BigDecimal total = BigDecimal.ZERO;
            if (!cancelled.contains(sale.saleId())) {
                BigDecimal rate =
                        euroRate(rates, sale.currency(), LocalDate.ofInstant(sale.placedAt(), ZoneOffset.UTC));
                for (SaleLine line : sale.lines()) {
                    BigDecimal refunded = refunds.amount(sale.saleId(), line.productId());
                    total = total.add(line.netAmount().divide(rate, 2, RoundingMode.HALF_EVEN))
                            .subtract(refunded.divide(rate, 2, RoundingMode.HALF_EVEN));
                }
            }
            revenue.put(sale, total);
        }
        return revenue;
    }

    static BigDecimal euroRate(TreeMap<LocalDate, Map<String, BigDecimal>> rates, String currency, LocalDate day) {
        if (currency.equals("EUR")) {
            return BigDecimal.ONE;
        }
        for (Map.Entry<LocalDate, Map<String, BigDecimal>> entry = rates.floorEntry(day);
                entry != null;
                entry = rates.lowerEntry(entry.getKey())) {
            if (entry.getValue().containsKey(currency)) {
                return entry.getValue().get(currency).setScale(10, RoundingMode.HALF_EVEN);
            }
        }
        throw new AssertionError("the simulation published no rate for " + currency + " up to " + day);
    }

    @Test
    void theDashboardDrawsTheMartInARealBrowserFromLocalAssetsOnly() {
        WebDriver browser = HeadlessChromium.start();
        try {
            browser.get("http://localhost:" + port + "/");
            WebElement chart = browser.findElement(By.id("chart"));
            long countries = countryOfStore.values().stream().distinct().count();
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(driver -> chart.getDomAttribute("data-series") != null
                            && Integer.parseInt(chart.getDomAttribute("data-series")) > 0);

            List<String> expectedSeries = warehouse.query(
                    "select distinct country || ' (' || currency || ')'" + " from sales_gold.revenue_daily_by_country",
                    r -> r.getString(1));
            assertThat(Integer.parseInt(chart.getDomAttribute("data-series")))
                    .isEqualTo(expectedSeries.size())
                    .isLessThanOrEqualTo((int) countries);
            assertThat(browser.findElement(By.tagName("canvas")).getSize().getHeight())
                    .isGreaterThan(100);
            assertThat(browser.findElements(By.cssSelector("#totals tbody tr"))).hasSize(expectedSeries.size());
            assertThat(browser.findElement(By.id("sales")).getText()).isEqualTo(Integer.toString(SALES));

            @SuppressWarnings("unchecked")
            List<String> assets = (List<String>) ((JavascriptExecutor) browser)
                    .executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
            assertThat(assets)
                    .isNotEmpty()
                    .anyMatch(url -> url.contains("echarts.min.js"))
                    .allMatch(url -> url.startsWith("http://localhost:" + port + "/"));
        } finally {
            browser.quit();
        }
    }

    @Test
    void customersHaveTheirFirstScd2VersionAndOneCurrentVersion() {
        long customers = SETTINGS.customers();
        assertThat(warehouse.query(
                        "select count(*) from sales_snapshots.customers_scd2 where change_type = 'REGISTERED'"
                                + " and dbt_valid_from = timestamp '"
                                + LocalDateTime.ofInstant(catalogueAt, ZoneOffset.UTC) + "'",
                        r -> r.getLong(1)))
                .containsExactly(customers);
        assertThat(warehouse.query(
                        "select count(*) from sales_snapshots.customers_scd2 where dbt_valid_to is null",
                        r -> r.getLong(1)))
                .containsExactly(customers);
    }
}
