package dev.salesflow.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesflow.warehouse.DuckDbWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        warehouse.executeScript("gold-fixtures/silver.sql");
        warehouse.executeScript("gold-fixtures/snapshots.sql");
    }

    @AfterEach
    void tearDown() {
        warehouse.close();
    }

    @Test
    void buildsRevenuePerDayAndCountryAndPassesItsDataTests() {
        ModelRunner.RunResult result = new ModelRunner(warehouse, GoldProject.load()).run();

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(warehouse.query("select sale_date::varchar, country, currency, sales, units, revenue"
                        + " from sales_gold.revenue_daily_by_country order by 1, 2",
                r -> String.join("|", r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getBigDecimal(6).toPlainString())))
                // net of the refund and the cancellation, the yen sale in euros
                .containsExactly("2026-02-01|DE|EUR|2|2|15.50", "2026-02-02|JP|EUR|1|1|93.75");
        assertThat(warehouse.query("select distinct status from sales_ops.model_runs where run_id = '" + result.runId() + "'",
                r -> r.getString(1))).containsExactly("SUCCESS");
        assertThat(warehouse.count("sales_ops.data_test_results")).isEqualTo(result.tests());
    }

    @Test
    void salesOfAStoreNotYetProjectedCountUnderAnUnknownCountryRatherThanVanish() {
        warehouse.execute("delete from sales_silver.stores where store_id = 'st-jp'");

        ModelRunner.RunResult result = new ModelRunner(warehouse, GoldProject.load()).run();

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(warehouse.query("select country from sales_gold.revenue_daily_by_country"
                        + " where sale_date = date '2026-02-02'",
                r -> r.getString(1))).containsExactly("UNKNOWN");
    }

    @Test
    void aFailingDataTestIsRecordedWithItsFailingRows() {
        Map<String, SqlModel> models = new LinkedHashMap<>();
        models.put("numbers", SqlModel.parse("numbers", "select * from (values (1), (2), (3)) as t(x)"));
        SqlModel test = SqlModel.parse("numbers_are_small", "select * from {{ ref('numbers') }} where x > 1");
        GoldProject project = new GoldProject(GoldProject.topologicalOrder(models), List.of(test));

        ModelRunner.RunResult result = new ModelRunner(warehouse, project).run();

        assertThat(result.failedTests()).containsExactly("numbers_are_small");
        assertThat(warehouse.query("select status || ':' || failing_rows from sales_ops.data_test_results",
                r -> r.getString(1))).containsExactly("FAIL:2");
    }

    @Test
    void aModelWithABrokenStatementFailsAndItsErrorIsLogged() {
        Map<String, SqlModel> models = new LinkedHashMap<>();
        models.put("broken", SqlModel.parse("broken", "select * from {{ source('sales_silver', 'nowhere') }}"));
        models.put("downstream", SqlModel.parse("downstream", "select * from {{ ref('broken') }}"));
        GoldProject project = new GoldProject(GoldProject.topologicalOrder(models), List.of());

        ModelRunner.RunResult result = new ModelRunner(warehouse, project).run();

        assertThat(result.failedModels()).containsExactly("broken");
        assertThat(warehouse.query("select model || ':' || status from sales_ops.model_runs order by model",
                r -> r.getString(1))).containsExactly("broken:ERROR", "downstream:SKIPPED");
    }

    @Test
    void ordersModelsByTheirRefsAndRefusesCycles() {
        Map<String, SqlModel> models = new LinkedHashMap<>();
        models.put("mart", SqlModel.parse("mart", "select * from {{ ref('fct') }}"));
        models.put("fct", SqlModel.parse("fct", "select * from {{ ref('stg') }}"));
        models.put("stg", SqlModel.parse("stg", "select * from {{ source('sales_silver', 'sale_lines') }}"));
        assertThat(GoldProject.topologicalOrder(models)).extracting(SqlModel::name)
                .containsExactly("stg", "fct", "mart");

        models.put("stg", SqlModel.parse("stg", "select * from {{ ref('mart') }}"));
        assertThatThrownBy(() -> GoldProject.topologicalOrder(models)).hasMessageContaining("cycle");
    }

    @Test
    void theProjectFileListsEverySqlFile() throws IOException {
        GoldProject project = GoldProject.load();
        List<String> listed = new java.util.ArrayList<>();
        project.modelsInOrder().forEach(m -> listed.add("models:" + m.name()));
        project.tests().forEach(t -> listed.add("tests:" + t.name()));
        Path root = Path.of("src/main/resources/gold");
        try (Stream<Path> files = Files.walk(root)) {
            List<String> onDisk = files.filter(p -> p.toString().endsWith(".sql"))
                    .map(root::relativize)
                    .filter(p -> p.startsWith("models") || p.startsWith("tests"))
                    .map(p -> p.getName(0) + ":" + p.getFileName().toString().replace(".sql", ""))
                    .toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(onDisk);
        }
    }

    @Test
    void theMartIsBuiltFromTheStagingCopiesOfSilver() {
        assertThat(GoldProject.load().modelsInOrder()).extracting(SqlModel::name)
                .containsSubsequence("stg_sale_lines", "revenue_daily_by_country")
                .containsSubsequence("stg_stores", "revenue_daily_by_country");
    }
}
