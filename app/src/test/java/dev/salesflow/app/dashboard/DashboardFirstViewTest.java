package dev.salesflow.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.app.gold.MartScheduler;
import dev.salesflow.gold.GoldProject;
import dev.salesflow.gold.ModelRunner;
import dev.salesflow.gold.read.DashboardFilter;
import dev.salesflow.gold.read.DashboardFilter.Amounts;
import dev.salesflow.gold.read.DashboardQueries;
import dev.salesflow.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a new data directory the application first builds only what the headline figures read
 * ({@link MartScheduler#FIRST_VIEW}), then the rest. In between, the KPIs already count the
 * sales and every other call of the page answers "not built yet" instead of failing on a missing
 * mart; after the full run every call names a real source.
 */
class DashboardFirstViewTest {

    @TempDir
    Path dir;

    @Test
    void theKpisShowTheFirstSalesWhileTheOtherPanelsSayNotBuiltYetThenAllAnswer() throws Exception {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("gold.duckdb"))) {
            GoldTestData.fill(warehouse, 2_000);
            ModelRunner runner = new ModelRunner(warehouse, GoldProject.load());
            ModelRunner.RunResult first = runner.run(
                    new ModelRunner.Request("test", List.of(MartScheduler.FIRST_VIEW), false, true, false), line -> {});
            assertThat(first.failedModels()).isEmpty();
            assertThat(warehouse.tableExists("sales_gold", "mart_top_vip_customers"))
                    .as("a mart outside the first selection")
                    .isFalse();

            DashboardQueries queries = new DashboardQueries(warehouse, "EUR");
            DashboardFilter all = new DashboardFilter(null, null, null, null, null, Amounts.REPORTING);
            Map<String, Object> kpis = queries.kpis(all);
            assertThat(kpis.get("source")).isEqualTo("sales_gold.mart_sales_by_country_daily");
            assertThat(((Number) ((Map<?, ?>) kpis.get("current")).get("sales")).longValue())
                    .isPositive();

            Map<String, Function<DashboardFilter, Object>> calls = DashboardCubesTest.calls(queries);
            for (DashboardFilter filter : filters()) {
                calls.forEach((name, call) -> {
                    Object answer = call.apply(filter);
                    if (answer instanceof DashboardQueries.Answer panel
                            && !panel.rows().isEmpty()) {
                        assertThat(panel.source()).as(name + " " + filter).startsWith("sales_gold.");
                    }
                });
            }
            assertThat(queries.topCustomers(all, 5).source()).startsWith("none");
            assertThat(queries.segments(all).source()).startsWith("none");

            assertThat(runner.run(ModelRunner.Request.all("test"), line -> {}).failedModels())
                    .isEmpty();
            for (DashboardFilter filter : filters()) {
                DashboardCubesTest.calls(queries).forEach((name, call) -> {
                    if (call.apply(filter) instanceof DashboardQueries.Answer panel) {
                        assertThat(panel.source()).as(name + " " + filter).startsWith("sales_gold.");
                    }
                });
            }
        }
    }

    private static List<DashboardFilter> filters() {
        return List.of(
                new DashboardFilter(null, null, null, null, null, Amounts.REPORTING),
                new DashboardFilter(LocalDate.parse("2026-01-02"), null, null, null, null, Amounts.REPORTING),
                new DashboardFilter(null, null, "DE", "WEB", null, Amounts.REPORTING));
    }
}
