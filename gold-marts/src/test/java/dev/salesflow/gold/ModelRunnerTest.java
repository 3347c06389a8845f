package dev.salesflow.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesflow.warehouse.DuckDbWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRunnerTest {

    @TempDir
    Path dir;

    private DuckDbWarehouse warehouse;

    @BeforeEach
    void setUp() {
        warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
        GoldFixtures.createSourceTables(warehouse);
        warehouse.executeScript("gold-fixtures/silver.sql");
    }

    @AfterEach
    void tearDown() {
        warehouse.close();
    }

    private static String passedOrWarned(ModelRunner.RunResult result) {
        return result.toString();
    }

    @Test
    void buildsEveryModelAndPassesEveryErrorSeverityTest() {
        ModelRunner.RunResult result = new ModelRunner(warehouse, GoldProject.load()).run();

        assertThat(result.failedModels()).as(result.summary()).isEmpty();
        assertThat(result.skippedModels()).isEmpty();
        assertThat(dataFailures(result)).as(result.summary()).isEmpty();
        assertThat(warehouse.query(
                        "select sale_date::varchar, country, currency, sales, units, revenue"
                                + " from sales_gold.revenue_daily_by_country order by 1, 2",
                        r -> String.join(
                                "|",
                                r.getString(1),
                                r.getString(2),
                                r.getString(3),
                                r.getString(4),
                                r.getString(5),
                                r.getBigDecimal(6).toPlainString())))
                // net of the refund and the cancellation, the yen sale in euros
                .containsExactly("2026-02-01|DE|EUR|2|2|15.50", "2026-02-02|JP|EUR|1|1|93.75");
        assertThat(warehouse.query(
                        "select count(*) from sales_ops.gold_model_runs where run_id = '" + result.runId()
                                + "' and status = 'SUCCESS'",
                        r -> r.getLong(1)))
                .containsExactly((long) GoldProject.load().modelsInOrder().size());
        assertThat(warehouse.count("sales_ops.gold_test_results"))
                .isEqualTo(result.tests().size());
        assertThat(warehouse.query(
                        "select status, models_built from sales_ops.gold_runs",
                        r -> r.getString(1) + ":" + r.getLong(2)))
                .hasSize(1);
    }

    @Test
    void silverIsFreshWhenBronzeLandedItsNewestSalesRecentlyWhateverTheirBusinessTime() {
        // The fixture's sales are from February: by business time silver would be months stale.
        ModelRunner runner = new ModelRunner(warehouse, GoldProject.load());
        runner.run();
        String silverFreshness = "source_freshness_sales_silver_sale_lines";

        landNewestSaleInBronze(Duration.ofMinutes(5));
        assertThat(testStatus(runner, silverFreshness)).isEqualTo("PASS");

        landNewestSaleInBronze(Duration.ofDays(3));
        assertThat(testStatus(runner, silverFreshness)).isEqualTo("FAIL");
    }

    /** Bronze landed the fixture's events (the newest sale in silver is s3, event e5) this long ago. */
    private void landNewestSaleInBronze(Duration ago) {
        assertThat(warehouse.query(
                        "select event_type from sales_bronze.sales_events where event_id = 'e5'",
                        rs -> rs.getString(1)))
                .containsExactly("SalePlacedEvent");
        warehouse.execute("update sales_bronze.sales_events set ingested_at = (now() at time zone 'UTC') - to_seconds("
                + ago.toSeconds() + ")");
    }

    private static String testStatus(ModelRunner runner, String test) {
        ModelRunner.RunResult result =
                runner.run(new ModelRunner.Request("test", List.of(), false, false, true), line -> {});
        return result.tests().stream()
                .filter(t -> t.test().equals(test))
                .findFirst()
                .orElseThrow()
                .status();
    }

    @Test
    void theCurrencySplitShowsSaleAndReportingCurrencySideBySide() {
        new ModelRunner(warehouse, GoldProject.load()).run();

        assertThat(warehouse.query(
                        "select sale_currency, revenue_sale_currency, revenue from sales_gold.mart_currency_split"
                                + " order by sale_currency",
                        r -> r.getString(1) + "|" + r.getBigDecimal(2).toPlainString() + "|"
                                + r.getBigDecimal(3).toPlainString()))
                .containsExactly("EUR|15.50|15.50", "JPY|15000.00|93.75");
        assertThat(warehouse.query(
                        "select refund_id, line_number, refund_date::varchar, amount_reporting"
                                + " from sales_gold.fct_refunds",
                        r -> r.getString(1) + "|" + r.getInt(2) + "|" + r.getString(3) + "|"
                                + r.getBigDecimal(4).toPlainString()))
                .containsExactly("r1|1|2026-02-03|10.00");
    }

    @Test
    void anIncrementalRefreshRewritesTheOldDayOfALateRefund() {
        ModelRunner runner = new ModelRunner(warehouse, GoldProject.load());
        runner.run();
        // s3 (02-02) refunded in full later; a new sale on 02-05.
        warehouse.execute("update sales_silver.sale_lines set refunded_quantity = 1, refunded_amount = 15000,"
                + " refunded_amount_reporting = 93.75, net_amount = 0, net_amount_reporting = 0,"
                + " last_sequence_number = 1 where sale_id = 's3'");
        warehouse.execute("insert into sales_silver.sale_lines select 's4', 1, 'e6', 'c1', 'st-de', 'WEB', 'PAYPAL',"
                + " 'EUR', timestamp '2026-02-05 08:00:00', 'p2', 1, 7.00, 0, 7.00, 'PLACED', null, null, 0, 0, 7.00,"
                + " 'EUR', 1, date '2026-02-05', 7.00, 0, 7.00, 0");

        ModelRunner.RunResult result = runner.run();

        assertThat(result.failedModels()).isEmpty();
        assertThat(dataFailures(result)).as(result.summary()).isEmpty();
        assertThat(result.models())
                .filteredOn(m -> m.model().equals("fct_sale_lines"))
                .extracting(ModelRunner.ModelOutcome::mode, ModelRunner.ModelOutcome::rowsAffected)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("incremental", 2L));
        assertThat(warehouse.query(
                        "select sale_date::varchar || '|' || revenue from sales_gold.revenue_daily_by_country"
                                + " order by sale_date",
                        r -> r.getString(1)))
                .containsExactly("2026-02-01|15.50", "2026-02-02|0.00", "2026-02-05|7.00");
        // Untouched days stay as they were: 02-01 was not rewritten by the refresh.
        assertThat(warehouse.query(
                        "select count(*) from sales_gold.fct_sale_lines where sale_date = '2026-02-01'"
                                + " and _loaded_at = (select min(_loaded_at) from sales_gold.fct_sale_lines)",
                        r -> r.getLong(1)))
                .containsExactly(3L);

        // Models that read neither silver sale lines nor anything built from them were not rebuilt.
        assertThat(result.models())
                .filteredOn(m -> m.model().equals("dim_product") || m.model().equals("dim_channel"))
                .extracting(ModelRunner.ModelOutcome::mode)
                .containsOnly("unchanged");
        assertThat(result.models())
                .filteredOn(m -> m.model().startsWith("mart_"))
                .extracting(ModelRunner.ModelOutcome::mode)
                .doesNotContain("unchanged");

        ModelRunner.RunResult nothingNew = runner.run();
        // Nothing any model reads changed: every model is skipped as unchanged, and its tests still run.
        assertThat(nothingNew.models())
                .allSatisfy(m -> assertThat(m.mode()).as(m.model()).isEqualTo("unchanged"));
        assertThat(dataFailures(nothingNew)).isEmpty();
        assertThat(nothingNew.tests()).isNotEmpty();
    }

    @Test
    void aFullRefreshGivesTheSameTablesAsIncrementalRefreshes() {
        ModelRunner runner = new ModelRunner(warehouse, GoldProject.load());
        runner.run();
        warehouse.execute("update sales_silver.sale_lines set status = 'CANCELLED', net_amount = 0,"
                + " net_amount_reporting = 0, last_sequence_number = 3 where sale_id = 's1'");
        runner.run();
        List<String> incremental = snapshot();

        runner.run(new ModelRunner.Request("test", List.of(), true, true), line -> {});

        assertThat(snapshot()).isEqualTo(incremental);
    }

    private List<String> snapshot() {
        List<String> rows = new ArrayList<>();
        for (String table : List.of(
                "mart_sales_by_country_daily",
                "mart_sales_by_product",
                "mart_customer_lifetime",
                "mart_revenue_over_time",
                "mart_payment_methods_by_country",
                "mart_sales_cube_daily",
                "mart_sales_cube_category_daily",
                "mart_sales_cube_product_daily",
                "mart_sales_cube_customer_daily")) {
            rows.addAll(warehouse.query(
                    // every column but the load time (mart_sales_cube_daily stamps its rows)
                    "select columns(lambda c: c <> '_loaded_at') from sales_gold." + table + " order by all", r -> {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                            row.append('|').append(r.getString(i));
                        }
                        return row.toString();
                    }));
        }
        return rows;
    }

    @Test
    void aBrokenModelSkipsExactlyItsDescendantsAndTheLogSaysWhy() {
        GoldProject project = GoldProject.load();
        List<SqlModel> models = new ArrayList<>();
        for (SqlModel model : project.modelsInOrder()) {
            models.add(
                    model.name().equals("mart_sales_by_product_daily")
                            ? SqlModel.parse(
                                    model.name(),
                                    model.path(),
                                    model.template().replace("product_id,", "no_such_column,"))
                            : model);
        }
        GoldProject broken = new GoldProject(models, project.tests());

        ModelRunner.RunResult result = new ModelRunner(warehouse, broken, 2, Duration.ofMillis(10)).run();

        Set<String> descendants = broken.descendantsOf("mart_sales_by_product_daily");
        assertThat(result.failedModels()).containsExactly("mart_sales_by_product_daily");
        assertThat(result.skippedModels())
                .containsExactlyInAnyOrderElementsOf(descendants.stream()
                        .filter(m -> !m.equals("mart_sales_by_product_daily"))
                        .toList())
                .contains("mart_sales_by_product");
        assertThat(result.models())
                .filteredOn(m -> m.status().equals("SUCCESS"))
                .hasSize(project.modelsInOrder().size() - descendants.size());
        assertThat(warehouse.query(
                        "select attempts || ':' || error from sales_ops.gold_model_runs where status = 'ERROR'",
                        r -> r.getString(1)))
                .singleElement()
                .asString()
                .startsWith("2:")
                .contains("no_such_column");
        assertThat(warehouse.query(
                        "select error from sales_ops.gold_model_runs where model = 'mart_sales_by_product'",
                        r -> r.getString(1)))
                .singleElement()
                .asString()
                .startsWith("upstream mart_sales_by_product_daily: failed:");
    }

    @Test
    void anErrorSeverityTestFailureStopsTheDescendantsOfItsModelOnly() {
        // A line of an unknown status: the fact builds, its accepted_values test fails.
        warehouse.execute("update sales_silver.sale_lines set status = 'LOST' where sale_id = 's3'");

        ModelRunner.RunResult result = new ModelRunner(warehouse, GoldProject.load()).run();

        assertThat(dataFailures(result)).contains("accepted_values_fct_sale_lines_status");
        assertThat(result.failedModels()).isEmpty();
        assertThat(result.skippedModels())
                // dim_date is built from the fact (so that it covers the fact's days): a descendant too
                .contains("mart_sales_by_country_daily", "revenue_daily_by_country", "dim_date")
                .doesNotContain("dim_customer", "dim_store", "fct_sale_lines");
        assertThat(warehouse.query(
                        "select error from sales_ops.gold_model_runs where model = 'mart_sales_by_country_daily'"
                                + " and status = 'SKIPPED'",
                        r -> r.getString(1)))
                .singleElement()
                .asString()
                .contains("error-severity test accepted_values_fct_sale_lines_status FAIL");
    }

    @Test
    void anIncrementalTableWrittenByAnOlderVersionOfItsModelIsRebuilt() {
        assertThat(new ModelRunner(warehouse, GoldProject.load()).run().failedModels())
                .isEmpty();
        // as a warehouse built before dim_product had scd_id (its incremental query reads it)
        warehouse.execute("alter table sales_gold.dim_product drop column scd_id");
        warehouse.execute("delete from sales_ops.gold_model_state where model = 'dim_product'");

        ModelRunner.RunResult result = new ModelRunner(warehouse, GoldProject.load())
                .run(new ModelRunner.Request("test", List.of(), false, true, true), line -> {});

        assertThat(result.failedModels()).as(result.summary()).isEmpty();
        assertThat(result.models())
                .filteredOn(m -> m.model().equals("dim_product"))
                .singleElement()
                .satisfies(m -> assertThat(m.mode()).isEqualTo("full (columns changed)"));
        assertThat(warehouse.query(
                        "select column_name from information_schema.columns where table_schema = 'sales_gold'"
                                + " and table_name = 'dim_product'",
                        r -> r.getString(1)))
                .contains("scd_id");
    }

    @Test
    void relationshipsOfTheFactHoldWhileSilverGrowsDuringTheRun() throws Exception {
        // Silver gains sales on new days and in a new currency while gold runs (as in the running
        // application): the fact's relationships to dim_date and dim_currency must still hold, as
        // those dimensions are built from the fact of the same run.
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            for (int day = 1; !stop.get(); day++) {
                warehouse.execute("insert into sales_silver.sale_lines select * replace ('grow-" + day
                        + "' as sale_id, placed_at + interval " + day + " day as placed_at, "
                        + (day % 2 == 0 ? "'CHF'" : "currency") + " as currency)"
                        + " from sales_silver.sale_lines where sale_id = 's2'");
                written.incrementAndGet();
            }
        });
        writer.start();
        List<ModelRunner.RunResult> runs = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                runs.add(new ModelRunner(warehouse, GoldProject.load()).run());
            }
        } finally {
            stop.set(true);
            writer.join();
        }

        assertThat(written.get()).as("silver grew during the runs").isGreaterThan(3);
        assertThat(runs).allSatisfy(run -> assertThat(run.failedModels()).isEmpty());
        assertThat(warehouse.query(
                        "select test || ' ' || status from sales_ops.gold_test_results"
                                + " where test like 'relationships_fct_sale_lines_%' and status <> 'PASS'",
                        r -> r.getString(1)))
                .isEmpty();
        assertThat(warehouse.query(
                        "select count(*) from sales_ops.gold_test_results where test like 'relationships_fct_sale_lines_%'",
                        r -> r.getLong(1)))
                .singleElement()
                .isEqualTo(3L * 8);
    }

    @Test
    void selectionTakesAModelAndItsDescendants() {
        GoldProject project = GoldProject.load();
        assertThat(project.select(List.of("mart_customer_rfm+")))
                .containsExactlyInAnyOrder("mart_customer_rfm", "mart_customer_segments", "mart_top_vip_customers");
        assertThat(project.select(List.of("+dim_store"))).containsExactly("dim_store");
        assertThatThrownBy(() -> project.select(List.of("nope"))).hasMessageContaining("No gold model named 'nope'");
    }

    @Test
    void ordersModelsByTheirRefsAndRefusesCycles() {
        Map<String, SqlModel> models = new LinkedHashMap<>();
        models.put("mart", SqlModel.parse("mart", "select * from {{ ref('fct') }}"));
        models.put("fct", SqlModel.parse("fct", "select * from {{ ref('stg') }}"));
        models.put("stg", SqlModel.parse("stg", "select * from {{ source('sales_silver', 'sale_lines') }}"));
        assertThat(GoldProject.topologicalOrder(models))
                .extracting(SqlModel::name)
                .containsExactly("stg", "fct", "mart");

        models.put("stg", SqlModel.parse("stg", "select * from {{ ref('mart') }}"));
        assertThatThrownBy(() -> GoldProject.topologicalOrder(models)).hasMessageContaining("cycle");
    }

    @Test
    void theProjectFileListsEveryFile() throws IOException {
        List<String> listed = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/main/resources/gold/project.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                listed.add(line.strip());
            }
        }
        Path root = Path.of("src/main/resources/gold");
        try (Stream<Path> files = Files.walk(root)) {
            List<String> onDisk = files.filter(
                            p -> p.toString().endsWith(".sql") || p.toString().endsWith(".yml"))
                    .map(root::relativize)
                    .map(Path::toString)
                    .filter(p -> p.startsWith("models") || p.startsWith("tests"))
                    .toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(onDisk);
        }
    }

    @Test
    void theFactIsPartitionedByDayAndClusteredByStoreAndProductOnBigQueryOnly() {
        SqlModel fact = GoldProject.load().model("fct_sale_lines");
        assertThat(fact.tableLayout(Dialect.BIGQUERY))
                .isEqualTo(" partition by sale_date cluster by store_key, product_id");
        assertThat(fact.tableLayout(Dialect.DUCKDB)).isEmpty();
    }

    @Test
    void everyModelStatesItsGrain() {
        assertThat(GoldProject.load().modelsInOrder())
                .allSatisfy(model ->
                        assertThat(model.grain()).as(model.name() + " header").isNotBlank());
    }

    /** Failed tests other than freshness (the fixtures' business times are in the past). */
    static java.util.List<String> dataFailures(ModelRunner.RunResult result) {
        return result.failedTests().stream()
                .filter(t -> !t.startsWith("source_freshness_"))
                .toList();
    }
}
