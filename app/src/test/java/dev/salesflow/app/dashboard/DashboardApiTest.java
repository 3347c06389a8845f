package dev.salesflow.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesflow.warehouse.DuckDbWarehouse;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The dashboard's JSON endpoints on a real DuckDB file whose gold layer the real ModelRunner built:
 * unfiltered figures equal their marts, filtered ones (read from the cubes) equal the star schema, and every bad
 * parameter is a 400 with a message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardApiTest {

    @TempDir
    static Path dir;

    DuckDbWarehouse warehouse;
    MockMvc mvc;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void buildGold() {
        warehouse = DuckDbWarehouse.open(dir.resolve("gold.duckdb"));
        GoldTestData.fill(warehouse, 30_000);
        GoldTestData.buildGold(warehouse);
        mvc = MockMvcBuilders.standaloneSetup(new DashboardApi(warehouse, "EUR"))
                .build();
    }

    @AfterAll
    void close() {
        warehouse.close();
    }

    JsonNode getOk(String url) throws Exception {
        String body = mvc.perform(get(url))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(body);
    }

    Map<String, BigDecimal> revenueBy(JsonNode answer, String key) {
        Map<String, BigDecimal> revenue = new HashMap<>();
        answer.get("rows")
                .forEach(row ->
                        revenue.put(row.get(key).asText(), row.get("revenue").decimalValue()));
        return revenue;
    }

    Map<String, BigDecimal> sql(String query) {
        Map<String, BigDecimal> result = new HashMap<>();
        warehouse.query(query, r -> result.put(r.getString(1), r.getBigDecimal(2)));
        return result;
    }

    static void assertSameFigures(Map<String, BigDecimal> actual, Map<String, BigDecimal> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, value) -> assertThat(actual.get(key)).as(key).isEqualByComparingTo(value));
    }

    @Test
    void unfilteredPanelsAreTheirMarts() throws Exception {
        JsonNode countries = getOk("/api/dashboard/by-country");
        assertThat(countries.get("source").asText()).isEqualTo("sales_gold.mart_sales_by_country");
        assertSameFigures(
                revenueBy(countries, "country"), sql("select country, revenue from sales_gold.mart_sales_by_country"));
        assertThat(revenueBy(countries, "country")).containsKey("UNKNOWN").hasSize(11);

        assertSameFigures(
                revenueBy(getOk("/api/dashboard/by-channel"), "channel"),
                sql("select channel, revenue from sales_gold.mart_sales_by_channel"));
        assertSameFigures(
                revenueBy(getOk("/api/dashboard/currency-split"), "sale_currency"),
                sql("select sale_currency, revenue from sales_gold.mart_currency_split"));
        assertSameFigures(
                revenueBy(getOk("/api/dashboard/by-product?top=5"), "product_id"),
                sql(
                        "select product_id, revenue from sales_gold.mart_sales_by_product order by revenue desc, product_id limit 5"));
        assertSameFigures(
                revenueBy(getOk("/api/dashboard/customer-segments"), "rfm_segment"),
                sql("select rfm_segment, sum(lifetime_net_spend) from sales_gold.mart_customer_segments group by 1"));
        assertSameFigures(
                revenueBy(getOk("/api/dashboard/top-customers?top=7"), "customer_id"),
                sql(
                        "select customer_id, lifetime_net_spend from sales_gold.mart_top_vip_customers where vip_rank <= 7"));
        assertSameFigures(
                revenueBy(getOk("/api/dashboard/revenue-over-time?grain=week"), "period_start"),
                sql("select cast(period_start as varchar), revenue from sales_gold.mart_revenue_over_time"
                        + " where period_grain = 'week'"));

        JsonNode kpis = getOk("/api/dashboard/kpis");
        BigDecimal total = sql("select 'all', sum(revenue) from sales_gold.mart_sales_by_country_daily")
                .get("all");
        assertThat(kpis.at("/current/revenue").decimalValue()).isEqualByComparingTo(total);
        assertThat(kpis.at("/change/revenue").isNull()).isTrue(); // nothing before the first day
    }

    @Test
    void aDateRangeSumsTheDailyMartsAndComparesWithThePeriodBefore() throws Exception {
        JsonNode countries = getOk("/api/dashboard/by-country?from=2026-01-21&to=2026-01-30");
        assertThat(countries.get("source").asText()).isEqualTo("sales_gold.mart_sales_by_country_daily");
        assertSameFigures(
                revenueBy(countries, "country"),
                sql(
                        "select coalesce(s.country, 'UNKNOWN'),"
                                + " sum(f.net_amount_reporting) from sales_gold.fct_sale_lines f left join sales_gold.dim_store s"
                                + " on s.store_key = f.store_key where f.sale_date between date '2026-01-21' and date '2026-01-30' group by 1"));

        JsonNode kpis = getOk("/api/dashboard/kpis?from=2026-01-21&to=2026-01-30");
        assertThat(kpis.get("previous_from").asText()).isEqualTo("2026-01-11");
        assertThat(kpis.get("previous_to").asText()).isEqualTo("2026-01-20");
        BigDecimal before = sql("select 'x', sum(net_amount_reporting) from sales_gold.fct_sale_lines"
                        + " where sale_date between date '2026-01-11' and date '2026-01-20'")
                .get("x");
        assertThat(kpis.at("/previous/revenue").decimalValue()).isEqualByComparingTo(before);
        assertThat(kpis.at("/change/revenue").isNumber()).isTrue();
    }

    @Test
    void countryChannelAndCurrencyFiltersSumTheCubesToTheStarSchemasFigures() throws Exception {
        JsonNode products = getOk("/api/dashboard/by-category?country=GB&channel=WEB");
        assertThat(products.get("source").asText()).isEqualTo("sales_gold.mart_sales_cube_category_daily");
        assertSameFigures(
                revenueBy(products, "category"),
                sql("select coalesce(p.category, 'UNKNOWN'),"
                        + " sum(f.net_amount_reporting) from sales_gold.fct_sale_lines f join sales_gold.dim_store s"
                        + " on s.store_key = f.store_key left join sales_gold.dim_product p on p.product_sk = f.product_sk"
                        + " where s.country = 'GB' and f.channel = 'WEB' group by 1"));

        // Sales are counted once however many lines they have (lines 1 stand for their sale).
        JsonNode gb = getOk("/api/dashboard/kpis?country=GB");
        assertThat(gb.at("/current/sales").asLong())
                .isEqualTo(warehouse
                        .query(
                                "select count(distinct f.sale_id)"
                                        + " from sales_gold.fct_sale_lines f join sales_gold.dim_store s on s.store_key = f.store_key"
                                        + " where s.country = 'GB'",
                                r -> r.getLong(1))
                        .get(0))
                .isPositive();
        JsonNode jp = getOk("/api/dashboard/kpis?country=JP");
        assertThat(jp.at("/current/cancelled_sales").asLong())
                .isEqualTo(warehouse
                        .query(
                                "select count(distinct"
                                        + " f.sale_id) from sales_gold.fct_sale_lines f join sales_gold.dim_store s on s.store_key = f.store_key"
                                        + " where s.country = 'JP' and f.is_cancelled",
                                r -> r.getLong(1))
                        .get(0))
                .isPositive();

        // Amounts in the sale currency: yen, not euros.
        JsonNode yen = getOk("/api/dashboard/kpis?currency=JPY&amounts=sale");
        assertThat(yen.get("currency").asText()).isEqualTo("JPY");
        assertThat(yen.at("/current/revenue").decimalValue())
                .isEqualByComparingTo(sql("select 'x', sum(net_amount)"
                                + " from sales_gold.fct_sale_lines where sale_currency = 'JPY'")
                        .get("x"));
        JsonNode euros = getOk("/api/dashboard/kpis?currency=JPY");
        assertThat(euros.at("/current/revenue").decimalValue())
                .isLessThan(yen.at("/current/revenue").decimalValue().divide(BigDecimal.valueOf(100)));

        for (String path : new String[] {
            "kpis",
            "revenue-over-time?grain=month&",
            "by-country",
            "by-product",
            "by-category",
            "by-store",
            "by-channel",
            "by-payment-method",
            "currency-split",
            "by-loyalty-tier",
            "customer-segments",
            "top-customers"
        }) {
            String url = "/api/dashboard/" + path + (path.endsWith("&") ? "" : "?")
                    + "from=2026-01-05&to=2026-02-10&country=FR&channel=PHONE&currency=EUR&amounts=sale";
            assertThat(getOk(url)).as(url).isNotNull();
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "by-country?country=XX                    | country",
                "kpis?from=2026-02-10&to=2026-02-01       | from",
                "kpis?from=2026-02-30                     | from",
                "by-store?to=yesterday                    | to",
                "by-channel?channel=TELEPATHY             | channel",
                "currency-split?currency=XYZ              | currency",
                "kpis?amounts=sale                        | amounts",
                "kpis?amounts=gold                        | amounts",
                "by-product?top=0                         | top",
                "top-customers?top=many                   | top",
                "revenue-over-time?grain=hour             | grain",
                "by-country?contry=DE                     | contry",
                "freshness?from=2026-01-01                | from",
                "by-country?country=DE&country=FR         | country",
                "by-country?country=DE'%20or%201=1--      | country"
            })
    void badParametersAre400WithAMessage(String call, String parameter) throws Exception {
        mvc.perform(get("/api/dashboard/" + call.strip()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value(parameter.strip()))
                .andExpect(jsonPath("$.error").isNotEmpty());
    }

    @Test
    void theEndpointsAreReadOnly() throws Exception {
        mvc.perform(post("/api/dashboard/kpis")).andExpect(status().isMethodNotAllowed());
    }
}
