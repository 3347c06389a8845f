package dev.salesflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesflow.app.PipelineEndToEndIT.SteppingClock;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.generation.GeneratorRunner;
import dev.salesflow.generation.PipelineBacklog;
import dev.salesflow.generator.SimulationSettings;
import dev.salesflow.warehouse.Warehouse;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard in a real browser on a running pipeline: Debian's headless Chromium loads the page
 * once a fixed-seed run has drained into the marts, and every chart and table must hold exactly its
 * mart's figures (read here from DuckDB); each filter must change what is shown, to the figures the
 * star schema gives for it; the times shown are UTC whatever the browser's zone; each tab is saved
 * as a screenshot under target/dashboard-screenshots/. The same run checks the operations
 * endpoints: Actuator health with the pipeline's parts, Prometheus metrics, the OpenAPI document.
 *
 * <p>With {@code -Dsalesflow.dashboard-it.data-dir=DIR} the same checks and screenshots run on an
 * existing data directory instead (e.g. after {@code ./run.sh --backfill-days 30}), with the
 * generator off (command in the README's test list).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // tests replace the Prometheus registry by a simple one unless told otherwise
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {

    static final long SEED = 11;
    static final int SALES = 240;
    static final SimulationSettings SETTINGS = new SimulationSettings(SEED, 120, 400, 48);
    static final Instant START = Instant.parse("2026-05-01T00:00:00Z");
    /** About eight business days for 240 sales. */
    static final Duration STEP = Duration.ofMinutes(47);

    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    static final DateTimeFormatter UTC_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    static Path dataDir;

    /** An existing data directory to check instead of the fixed-seed run (null: the fixed-seed run). */
    static final String EXISTING = System.getProperty("salesflow.dashboard-it.data-dir");

    /** Sales the page must show: the fixed-seed run's, or what the existing directory stores. */
    long sales;

    @Autowired(required = false)
    GeneratorRunner generator;

    @Autowired
    EventStoreQueries eventStore;

    @Autowired
    Warehouse warehouse;

    @Autowired
    PipelineBacklog backlog;

    @LocalServerPort
    int port;

    ChromeDriver browser;
    final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        int grpcPort = PipelineEndToEndIT.freePort();
        int restPort = PipelineEndToEndIT.freePort();
        registry.add("salesflow.pubsub.emulator.grpc-port", () -> grpcPort);
        registry.add("salesflow.pubsub.emulator.rest-port", () -> restPort);
        registry.add("salesflow.marts.refresh-interval", () -> "1s");
        if (EXISTING != null) {
            dataDir = Path.of(EXISTING).toAbsolutePath();
            registry.add("salesflow.data-dir", () -> dataDir.toString());
            registry.add("salesflow.generator.enabled", () -> false);
            return;
        }
        dataDir = Files.createTempDirectory("salesflow-dashboard");
        registry.add("salesflow.data-dir", () -> dataDir.toString());
        registry.add("salesflow.generator.seed", () -> SEED);
        registry.add("salesflow.generator.products", SETTINGS::products);
        registry.add("salesflow.generator.customers", SETTINGS::customers);
        registry.add("salesflow.generator.stores", SETTINGS::stores);
        registry.add("salesflow.generator.count", () -> SALES);
        registry.add("salesflow.generator.rate", () -> 0);
    }

    @TestConfiguration
    static class SteppingBusinessClock {
        @Bean
        @Primary
        Clock steppingBusinessClock() {
            return EXISTING == null ? new SteppingClock(START, STEP) : Clock.systemUTC();
        }
    }

    @BeforeAll
    void drainThenOpenTheDashboard() {
        sales = EXISTING == null ? SALES : eventStore.countAggregates("Sale");
        await("the pipeline to drain into the marts")
                .pollInterval(Duration.ofMillis(500))
                .atMost(Duration.ofMinutes(EXISTING == null ? 5 : 30))
                .until(() -> (generator == null || generator.finished())
                        && warehouse.tableExists("sales_bronze", "sales_events")
                        && warehouse.count("sales_bronze.sales_events") == eventStore.countEvents()
                        && warehouse.tableExists("sales_gold", "mart_top_vip_customers")
                        && one("select coalesce(sum(sales), 0) from sales_gold.mart_sales_by_country_daily") == sales
                        && one("select count(*) from sales_gold.mart_customer_lifetime")
                                == one("select count(distinct customer_id) from sales_silver.sale_lines"));
        // Those two marts can be right in the middle of a run, before the registrations sent after the
        // last sale reached the customer histories: the page and the marts it is compared with must
        // come from runs after every stage held every event.
        Duration atMost = Duration.ofMinutes(EXISTING == null ? 3 : 30);
        Instant settled = PipelineSettled.awaitEveryStageAtTheHead(backlog, warehouse, eventStore, atMost);
        PipelineSettled.awaitWholeGoldRunAfter(warehouse, settled, atMost);
        browser = HeadlessChromium.start();
        // A browser far from UTC: the page must still show UTC.
        browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Tokyo"));
        browser.get("http://localhost:" + port + "/");
        awaitPage(state -> state.at("/panels/kpis/current/sales").asLong() == sales);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    long one(String sql) {
        return warehouse.query(sql, r -> r.getLong(1)).get(0);
    }

    JsonNode state() {
        try {
            return json.readTree((String) browser.executeScript("return JSON.stringify(window.dashboard)"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode awaitPage(Function<JsonNode, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> {
            JsonNode state = state();
            return state.path("version").asInt() > 0 && !state.path("loading").asBoolean() && condition.apply(state);
        });
        return state();
    }

    /** Key -> revenue of a panel's rows in the page. */
    static Map<String, BigDecimal> shown(JsonNode rows, String key, String value) {
        Map<String, BigDecimal> figures = new HashMap<>();
        rows.forEach(row -> figures.put(row.get(key).asText(), row.get(value).decimalValue()));
        return figures;
    }

    Map<String, BigDecimal> mart(String sql) {
        Map<String, BigDecimal> figures = new HashMap<>();
        warehouse.query(sql, r -> figures.put(r.getString(1), r.getBigDecimal(2)));
        return figures;
    }

    static void assertSame(String panel, Map<String, BigDecimal> shown, Map<String, BigDecimal> mart) {
        assertThat(mart).as(panel + " mart").isNotEmpty();
        assertThat(shown.keySet()).as(panel).isEqualTo(mart.keySet());
        mart.forEach((key, value) ->
                assertThat(shown.get(key)).as(panel + " " + key).isCloseTo(value, within(new BigDecimal("0.005"))));
    }

    @Test
    void everyChartAndTableShowsItsMart() {
        JsonNode state = state();
        JsonNode panels = state.get("panels");
        // KPI tiles: the totals of the daily country mart (no earlier period to compare with).
        assertThat(panels.at("/kpis/current/revenue").decimalValue())
                .isCloseTo(
                        BigDecimal.valueOf(warehouse
                                .query(
                                        "select sum(revenue) from sales_gold.mart_sales_by_country_daily",
                                        r -> r.getBigDecimal(1))
                                .get(0)
                                .doubleValue()),
                        within(new BigDecimal("0.005")));
        assertThat(panels.at("/kpis/current/units").asLong())
                .isEqualTo(one("select sum(units) from sales_gold.mart_sales_by_country_daily"));
        // the page groups thousands ("59,273")
        assertThat(browser.findElement(By.cssSelector("[data-kpi=sales] .value"))
                        .getText()
                        .replace(",", ""))
                .isEqualTo(Long.toString(sales));

        assertSame(
                "revenue over time",
                shown(panels.get("overTime"), "period_start", "revenue"),
                mart("select cast(period_start as varchar), revenue from sales_gold.mart_revenue_over_time"
                        + " where period_grain = 'day'"));
        assertSame(
                "country",
                shown(panels.get("country"), "country", "revenue"),
                mart("select country, revenue from sales_gold.mart_sales_by_country"));
        assertSame(
                "currency split (reporting)",
                shown(panels.get("currency"), "sale_currency", "revenue"),
                mart("select sale_currency, revenue from sales_gold.mart_currency_split"));
        assertSame(
                "currency split (sale currency)",
                shown(panels.get("currency"), "sale_currency", "revenue_sale_currency"),
                mart("select sale_currency, revenue_sale_currency from sales_gold.mart_currency_split"));
        assertSame(
                "top products",
                shown(panels.get("product"), "product_id", "revenue"),
                mart(
                        "select product_id, revenue from sales_gold.mart_sales_by_product order by revenue desc, product_id limit 10"));
        assertSame(
                "category",
                shown(panels.get("category"), "category", "revenue"),
                mart("select category, revenue from sales_gold.mart_sales_by_category"));
        assertSame(
                "top stores",
                shown(panels.get("store"), "store_key", "revenue"),
                mart(
                        "select store_key, revenue from sales_gold.mart_sales_by_store order by revenue desc, store_key limit 15"));
        assertSame(
                "channel",
                shown(panels.get("channel"), "channel", "revenue"),
                mart("select channel, revenue from sales_gold.mart_sales_by_channel"));
        assertSame(
                "payment method",
                shown(panels.get("payment"), "payment_method", "revenue"),
                mart("select payment_method, revenue from sales_gold.mart_payment_methods"));
        assertSame(
                "segments",
                shown(panels.get("segment"), "rfm_segment", "revenue"),
                mart("select rfm_segment, sum(lifetime_net_spend) from sales_gold.mart_customer_segments group by 1"));
        assertSame(
                "loyalty tier",
                shown(panels.get("tier"), "loyalty_tier", "revenue"),
                mart("select loyalty_tier, sum(revenue) from sales_gold.mart_sales_by_loyalty_tier_daily group by 1"));
        assertSame(
                "VIP customers",
                shown(panels.get("vip"), "customer_id", "revenue"),
                mart(
                        "select customer_id, lifetime_net_spend from sales_gold.mart_top_vip_customers where vip_rank <= 20"));

        // What is drawn: every chart and table has as many bars / rows as its panel has rows.
        Map<String, String> elements = Map.ofEntries(
                Map.entry("c-over-time", "overTime"),
                Map.entry("c-country", "country"),
                Map.entry("c-currency", "currency"),
                Map.entry("t-currency", "currency"),
                Map.entry("c-product", "product"),
                Map.entry("c-category", "category"),
                Map.entry("c-store", "store"),
                Map.entry("c-channel", "channel"),
                Map.entry("c-payment", "payment"),
                Map.entry("c-segment", "segment"),
                Map.entry("c-tier", "tier"),
                Map.entry("t-vip", "vip"));
        elements.forEach(
                (id, panel) -> assertThat(browser.findElement(By.id(id)).getDomAttribute("data-rows"))
                        .as(id)
                        .isEqualTo(Integer.toString(panels.get(panel).size()))
                        .isNotEqualTo("0"));
        assertThat(browser.findElements(By.cssSelector("#t-vip tbody tr")))
                .hasSize(panels.get("vip").size());
        assertThat(browser.findElements(By.cssSelector("#t-currency tbody tr")))
                .hasSize(panels.get("currency").size());

        // Every source named is a mart, unfiltered.
        state.get("sources")
                .forEach(source ->
                        assertThat(source.asText()).startsWith("sales_gold.").doesNotContain("fct_"));
    }

    @Test
    void timesAreShownInUtcWhateverTheBrowsersZone() {
        String latest = browser.findElement(By.id("latest-sale")).getText();
        LocalDateTime newest = warehouse
                .query("select max(placed_at) from sales_gold.fct_sale_lines", r -> r.getObject(1, LocalDateTime.class))
                .get(0);
        assertThat(latest).isEqualTo(UTC_TEXT.format(newest));
        String refreshed = browser.findElement(By.id("refreshed")).getText();
        assertThat(refreshed).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
        Instant shown = LocalDateTime.parse(refreshed, UTC_TEXT).toInstant(ZoneOffset.UTC);
        // Tokyo is 9 hours off UTC: a time in the browser's zone would be far from now.
        assertThat(Duration.between(shown, Instant.now()).abs()).isLessThan(Duration.ofMinutes(5));
    }

    @Test
    void theDashboardFollowsEveryMartRun() {
        int version = state().get("version").asInt();
        String refresh = state().get("lastMartRefresh").asText();
        awaitPage(state -> state.get("version").asInt() > version
                && !state.get("lastMartRefresh").asText().equals(refresh));
    }

    @Test
    void eachFilterChangesWhatIsShownToTheStarSchemasFigures() {
        BigDecimal all = state().at("/panels/kpis/current/revenue").decimalValue();
        List<String> days = warehouse.query(
                "select distinct cast(sale_date as varchar) from sales_gold.fct_sale_lines" + " order by 1",
                r -> r.getString(1));
        assertThat(days).hasSizeGreaterThan(4);
        String country = warehouse
                .query(
                        "select country from sales_gold.mart_sales_by_country order by revenue desc" + " limit 1",
                        r -> r.getString(1))
                .get(0);
        String channel = warehouse
                .query(
                        "select channel from sales_gold.mart_sales_by_channel order by revenue desc" + " limit 1",
                        r -> r.getString(1))
                .get(0);
        String currency = warehouse
                .query(
                        "select sale_currency from sales_gold.mart_currency_split"
                                + " where sale_currency <> reporting_currency order by revenue desc limit 1",
                        r -> r.getString(1))
                .get(0);
        String base = "select coalesce(sum(%s), 0) from sales_gold.fct_sale_lines f left join sales_gold.dim_store s"
                + " on s.store_key = f.store_key where ";

        checkFilter(
                Map.of("f-from", days.get(1), "f-to", days.get(3)),
                "from=" + days.get(1),
                String.format(base, "net_amount_reporting") + "f.sale_date between date '" + days.get(1)
                        + "' and date '" + days.get(3) + "'",
                all);
        checkFilter(
                Map.of("f-country", country),
                "country=" + country,
                String.format(base, "net_amount_reporting") + "coalesce(s.country, 'UNKNOWN') = '" + country + "'",
                all);
        checkFilter(
                Map.of("f-channel", channel),
                "channel=" + channel,
                String.format(base, "net_amount_reporting") + "f.channel = '" + channel + "'",
                all);
        checkFilter(
                Map.of("f-currency", currency),
                "currency=" + currency,
                String.format(base, "net_amount_reporting") + "f.sale_currency = '" + currency + "'",
                all);
        checkFilter(
                Map.of("f-currency", currency, "f-amounts", "sale"),
                "amounts=sale",
                String.format(base, "net_amount") + "f.sale_currency = '" + currency + "'",
                all);
        // Reset brings the marts back.
        browser.findElement(By.id("f-reset")).click();
        JsonNode reset = awaitPage(state -> state.get("query").asText().isEmpty());
        assertThat(reset.at("/panels/kpis/current/revenue").decimalValue()).isEqualByComparingTo(all);
    }

    void checkFilter(Map<String, String> inputs, String expectedQueryPart, String expectedRevenueSql, BigDecimal all) {
        browser.findElement(By.id("f-reset")).click();
        awaitPage(state -> state.get("query").asText().isEmpty());
        String before = browser.findElement(By.id("c-country")).getDomAttribute("data-rows")
                + browser.findElement(By.cssSelector("[data-kpi=revenue] .value"))
                        .getText();
        for (Map.Entry<String, String> input : inputs.entrySet()) {
            browser.executeScript(
                    "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                            + " e.dispatchEvent(new Event('change'));",
                    input.getKey(),
                    input.getValue());
        }
        JsonNode state = awaitPage(s -> s.get("query").asText().contains(expectedQueryPart)
                && inputs.values().stream()
                        .allMatch(v -> s.get("query").asText().contains(v)));
        assertThat(state.get("error").isNull()).as(state.get("error").asText()).isTrue();
        BigDecimal expected =
                warehouse.query(expectedRevenueSql, r -> r.getBigDecimal(1)).get(0);
        BigDecimal shown = state.at("/panels/kpis/current/revenue").decimalValue();
        assertThat(shown).as(inputs.toString()).isCloseTo(expected, within(new BigDecimal("0.005")));
        assertThat(shown).as(inputs + " changes the revenue").isNotEqualByComparingTo(all);
        String after = browser.findElement(By.id("c-country")).getDomAttribute("data-rows")
                + browser.findElement(By.cssSelector("[data-kpi=revenue] .value"))
                        .getText();
        assertThat(after).as(inputs + " changes what the page shows").isNotEqualTo(before);
    }

    @Test
    void aScreenshotOfEveryTab() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        List<String> saved = new ArrayList<>();
        for (var tab : browser.findElements(By.cssSelector("#tabs button"))) {
            String name = tab.getDomAttribute("data-tab");
            tab.click();
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(driver -> driver.findElement(By.id("tab-" + name)).isDisplayed());
            long height = (Long) ((JavascriptExecutor) browser)
                    .executeScript("return Math.ceil(document.documentElement.scrollHeight)");
            browser.manage().window().setSize(new Dimension(1280, (int) Math.max(800, height + 250)));
            browser.executeScript("window.dispatchEvent(new Event('resize'))");
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            assertThat(Files.size(file)).as(name).isGreaterThan(10_000);
            saved.add(name);
        }
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.findElement(By.cssSelector("#tabs button[data-tab=overview]")).click();
        assertThat(saved).containsExactly("overview", "countries", "products", "channels", "customers");
    }

    // ---------------------------------------------------------------- operations endpoints

    JsonNode getJson(String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expectedStatus);
        return response.headers().firstValue("Content-Type").orElse("").contains("json")
                ? json.readTree(response.body())
                : json.getNodeFactory().textNode(response.body());
    }

    @Test
    void healthNamesThePipelinesParts() throws Exception {
        JsonNode health = getJson("/actuator/health", 200);
        assertThat(health.get("status").asText()).isEqualTo("UP");
        JsonNode parts = health.get("components");
        assertThat(parts.at("/eventStore/details/sales").asLong()).isEqualTo(sales);
        assertThat(parts.at("/pubSubEmulator/status").asText()).isEqualTo("UP");
        assertThat(parts.at("/bronzeJob/details/state").asText()).isEqualTo("RUNNING");
        assertThat(parts.at("/projections/details/silver-sales/eventsBehind").asLong())
                .isZero();
        assertThat(parts.at("/projections/details/customers-scd2/running").asBoolean())
                .isTrue();
        assertThat(parts.at("/marts/status").asText()).isEqualTo("UP");
        assertThat(parts.at("/marts/details/lastRunFinishedAt").asText()).isNotEmpty();
    }

    @Test
    void metricsInPrometheusFormatAndNothingElseExposed() throws Exception {
        String prometheus = getJson("/actuator/prometheus", 200).asText();
        long events = eventStore.countEvents();
        assertThat(prometheus)
                .contains("salesflow_pipeline_events{stage=\"stored\"} " + (double) events)
                .contains("salesflow_pipeline_events{stage=\"sales\"} " + (double) sales)
                .contains("salesflow_beam_counter{name=\"events_written\"}")
                .contains("salesflow_marts_last_run_age_seconds");
        if (EXISTING == null) {
            // Axon's own metrics (axon-micrometer) appear once a command was sent (the generator is off
            // on an existing data directory)
            assertThat(prometheus).contains("commandBus_capacity");
        }
        assertThat(getJson("/actuator/metrics", 200).get("names").toString()).contains("salesflow.pipeline.events");
        getJson("/actuator/env", 404);
        getJson("/actuator/beans", 404);
    }

    @Test
    void theApiIsDescribedByAnOpenApiDocumentAndRejectsBadParameters() throws Exception {
        JsonNode api = getJson("/v3/api-docs", 200);
        assertThat(api.get("paths").has("/api/dashboard/kpis")).isTrue();
        assertThat(api.at("/paths/~1api~1dashboard~1by-country/get/parameters").toString())
                .contains("\"country\"", "\"from\"", "\"amounts\"");
        JsonNode bad = getJson("/api/dashboard/by-country?country=ATLANTIS", 400);
        assertThat(bad.get("parameter").asText()).isEqualTo("country");
        assertThat(getJson("/api/dashboard/kpis?from=2026-05-09&to=2026-05-02", 400)
                        .get("error")
                        .asText())
                .contains("reversed");
    }
}
