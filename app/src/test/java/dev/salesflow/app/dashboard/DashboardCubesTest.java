package dev.salesflow.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.gold.read.DashboardFilter;
import dev.salesflow.gold.read.DashboardFilter.Amounts;
import dev.salesflow.gold.read.DashboardQueries;
import dev.salesflow.gold.read.DashboardQueries.Answer;
import dev.salesflow.gold.read.DashboardQueries.Panel;
import dev.salesflow.warehouse.DuckDbWarehouse;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every filtered figure the dashboard reads from its daily cubes (mart_sales_cube_*_daily) equals the
 * same figure aggregated from the star schema (fct_sale_lines joined to its dimensions), for each
 * filter alone and combined, in both currencies: on a real DuckDB file whose gold layer the real
 * ModelRunner built, and again after an incremental run that cancelled and refunded old sales.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardCubesTest {

    @TempDir
    static Path dir;

    DuckDbWarehouse warehouse;
    DashboardQueries cubes;
    DashboardQueries fact;

    @BeforeAll
    void buildGold() {
        warehouse = DuckDbWarehouse.open(dir.resolve("gold.duckdb"));
        GoldTestData.fill(warehouse, 30_000);
        GoldTestData.buildGold(warehouse);
        cubes = new DashboardQueries(warehouse, "EUR");
        fact = new DashboardQueries(warehouse, "EUR", false);
    }

    @AfterAll
    void close() {
        warehouse.close();
    }

    static List<DashboardFilter> filters() {
        LocalDate from = LocalDate.parse("2026-01-21");
        LocalDate to = LocalDate.parse("2026-02-09");
        return List.of(
                new DashboardFilter(from, to, null, null, null, Amounts.REPORTING),
                new DashboardFilter(null, null, "DE", null, null, Amounts.REPORTING),
                new DashboardFilter(null, null, "UNKNOWN", null, null, Amounts.REPORTING),
                new DashboardFilter(null, null, null, "WEB", null, Amounts.REPORTING),
                new DashboardFilter(null, null, null, null, "USD", Amounts.REPORTING),
                new DashboardFilter(null, null, null, null, "JPY", Amounts.SALE),
                new DashboardFilter(from, to, "GB", "MOBILE_APP", "GBP", Amounts.SALE),
                new DashboardFilter(from, null, "FR", "PHONE", null, Amounts.REPORTING),
                new DashboardFilter(null, to, null, "IN_STORE", "EUR", Amounts.REPORTING));
    }

    /** Every call of the page, by name. */
    static Map<String, Function<DashboardFilter, Object>> calls(DashboardQueries queries) {
        Map<String, Function<DashboardFilter, Object>> calls = new LinkedHashMap<>();
        calls.put("kpis", f -> rows(queries.kpis(f)));
        for (String grain : List.of("day", "week", "month")) {
            calls.put("revenue-over-time " + grain, f -> queries.revenueOverTime(grain, f));
        }
        for (Panel panel : Panel.values()) {
            calls.put(panel.name(), f -> queries.breakdown(panel, f, null));
            calls.put(panel.name() + " top 5", f -> queries.breakdown(panel, f, 5));
        }
        calls.put("customer-segments", queries::segments);
        calls.put("top-customers", f -> queries.topCustomers(f, 20));
        return calls;
    }

    private static Object rows(Map<String, Object> kpis) {
        Map<String, Object> copy = new LinkedHashMap<>(kpis);
        copy.remove("source");
        return copy;
    }

    @Test
    void everyFilteredCallAnswersFromTheCubesWithTheStarSchemasFigures() {
        compareEveryCall();

        // An incremental run after late changes to old days: a cancellation and a refund.
        warehouse.execute("update sales_silver.sale_lines set status = 'CANCELLED', net_amount = 0,"
                + " net_amount_reporting = 0, last_sequence_number = last_sequence_number + 5"
                + " where sale_id in ('s10', 's11', 's5000')");
        warehouse.execute("update sales_silver.sale_lines set refunded_quantity = 1, refunded_amount = unit_price,"
                + " refunded_amount_reporting = round(unit_price / fx_rate, 2),"
                + " net_amount = net_amount - unit_price,"
                + " net_amount_reporting = net_amount_reporting - round(unit_price / fx_rate, 2),"
                + " last_sequence_number = last_sequence_number + 5"
                + " where sale_id = 's7000' and line_number = 2");
        var run = new dev.salesflow.gold.ModelRunner(warehouse, dev.salesflow.gold.GoldProject.load()).run();
        assertThat(run.failedModels()).isEmpty();
        compareEveryCall();
    }

    private void compareEveryCall() {
        Map<String, Function<DashboardFilter, Object>> fromCubes = calls(cubes);
        Map<String, Function<DashboardFilter, Object>> fromFact = calls(fact);
        List<String> compared = new ArrayList<>();
        List<String> cubeAnswers = new ArrayList<>();
        for (DashboardFilter filter : filters()) {
            for (String call : fromCubes.keySet()) {
                Object expected = fromFact.get(call).apply(filter);
                Object actual = fromCubes.get(call).apply(filter);
                if (expected instanceof Answer fromStar && actual instanceof Answer fromCube) {
                    // What the star schema answered before the cubes, a cube answers now; the rest is unchanged.
                    if (fromStar.source().equals("sales_gold.fct_sale_lines")) {
                        assertThat(fromCube.source()).as(call + " " + filter).startsWith("sales_gold.mart_sales_cube_");
                        cubeAnswers.add(call);
                    } else {
                        assertThat(fromCube.source()).as(call + " " + filter).isEqualTo(fromStar.source());
                    }
                    expected = fromStar.rows();
                    actual = fromCube.rows();
                }
                assertThat(normalised(actual)).as(call + " " + filter).isEqualTo(normalised(expected));
                compared.add(call);
            }
        }
        assertThat(compared).hasSize(filters().size() * fromCubes.size());
        assertThat(cubeAnswers).hasSizeGreaterThan(compared.size() / 2);
    }

    /** Numbers compared by value (a sum's scale is not a figure), everything else as it is. */
    private static Object normalised(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, normalised(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DashboardCubesTest::normalised).toList();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number number && !(value instanceof Double)) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        return value;
    }
}
