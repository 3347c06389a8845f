package dev.salesflow.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.salesflow.gold.Dialect;
import dev.salesflow.gold.GoldProject;
import dev.salesflow.gold.ModelRunner;
import dev.salesflow.gold.SqlModel;
import dev.salesflow.gold.SqlRenderer;
import dev.salesflow.gold.export.BucketExport;
import dev.salesflow.gold.read.DashboardFilter;
import dev.salesflow.gold.read.DashboardQueries;
import dev.salesflow.warehouse.engine.QueryEngine;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gold orchestrator and the dashboard on BigQuery: {@link ModelRunner} and {@link DashboardQueries}
 * run through {@link BigQueryQueryEngine} and the official client against {@link FakeBigQueryEndpoint}, which
 * records each request. The SQL sent must be the models' BigQuery rendering (the one
 * BigQueryRenderingAnalysisTest in gold-marts analyses with ZetaSQL) and the values must travel as
 * positional parameters.
 */
class GoldOnBigQueryTest {

    private final FakeBigQueryEndpoint endpoint = FakeBigQueryEndpoint.start();
    private final BigQueryQueryEngine gold = new BigQueryQueryEngine(endpoint.client(), "EU", "gold");
    private final SqlRenderer bigQuery = new SqlRenderer(Dialect.BIGQUERY);
    private final GoldProject project = GoldProject.load();

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void theRunLogIsCreatedInGoogleSqlAndATableModelIsBuiltFromItsBigQueryRendering() {
        endpoint.answerRows(
                sql -> sql.equals("select count(*) from sales_gold.dim_channel"),
                List.of(new FakeBigQueryEndpoint.ResultColumn("f0_", "INTEGER")),
                List.of(List.of(5L)));
        ModelRunner runner = new ModelRunner(gold, project);
        List<String> setup = endpoint.queryTexts();
        assertThat(setup).first().asString().startsWith("create schema if not exists sales_gold");
        assertThat(setup)
                .anySatisfy(sql -> assertThat(sql)
                        .startsWith("create table if not exists sales_ops.gold_model_runs")
                        .contains("run_started_at  timestamp not null")
                        .contains("attempts        int64 not null"));
        endpoint.clear();

        ModelRunner.RunResult result =
                runner.run(new ModelRunner.Request("test", List.of("dim_channel"), false, true, false), line -> {});

        assertThat(result.models()).singleElement().satisfies(model -> {
            assertThat(model.status()).isEqualTo("SUCCESS");
            assertThat(model.rowsAffected()).isEqualTo(5L);
        });
        SqlModel dimChannel = model("dim_channel");
        String expected = "create or replace table sales_gold.dim_channel as\n"
                + bigQuery.render(dimChannel, false, result.startedAt(), null);
        List<String> sent = endpoint.queryTexts();
        assertThat(sent).contains(expected, "select count(*) from sales_gold.dim_channel");
        // the run log: the build, the model's new fingerprint (replaced in one transaction) and the run
        assertThat(sent)
                .anySatisfy(sql -> assertThat(sql)
                        .startsWith("insert into sales_ops.gold_model_runs values (")
                        .contains("'dim_channel'", "'SUCCESS'", "timestamp '"));
        assertThat(sent)
                .anySatisfy(sql -> assertThat(sql)
                        .startsWith(
                                "begin transaction;\ndelete from sales_ops.gold_model_state where model = 'dim_channel';"
                                        + "\ninsert into sales_ops.gold_model_state values ('dim_channel', '")
                        .endsWith(";\ncommit transaction;"));
        assertThat(sent).anySatisfy(sql -> assertThat(sql).startsWith("insert into sales_ops.gold_runs values ("));
        // GoogleSQL only, every job labelled with its component
        for (JsonObject query : endpoint.queries()) {
            assertThat(query.get("useLegacySql").getAsBoolean()).isFalse();
            assertThat(query.getAsJsonObject("labels").get("component").getAsString())
                    .isEqualTo("gold");
        }
        // the model's table was looked up through the tables API, not INFORMATION_SCHEMA
        assertThat(endpoint.paths()).contains("GET /datasets/sales_gold/tables/dim_channel");
    }

    @Test
    void anIncrementalModelStagesItsChangesAndSwapsThemInByKeyInOneTransaction() {
        String name = "mart_sales_by_country_daily";
        List<String[]> columns = List.of(
                new String[] {"sale_date", "DATE", "NULLABLE"},
                new String[] {"country", "STRING", "NULLABLE"},
                new String[] {"revenue", "NUMERIC", "NULLABLE"});
        endpoint.table("sales_gold", name, columns);
        endpoint.table("sales_ops", "gold_changes_" + name, columns);
        endpoint.answerRows(
                sql -> sql.equals("select count(*) from sales_ops.gold_changes_" + name),
                List.of(new FakeBigQueryEndpoint.ResultColumn("f0_", "INTEGER")),
                List.of(List.of(3L)));
        ModelRunner runner = new ModelRunner(gold, project);
        endpoint.clear();

        ModelRunner.RunResult result =
                runner.run(new ModelRunner.Request("test", List.of(name), false, true, false), line -> {});

        assertThat(result.models()).singleElement().satisfies(model -> {
            assertThat(model.status()).as(String.valueOf(model.error())).isEqualTo("SUCCESS");
            assertThat(model.mode()).isEqualTo("incremental");
            assertThat(model.rowsAffected()).isEqualTo(3L);
        });
        List<String> sent = endpoint.queryTexts();
        String staged = "create or replace table sales_ops.gold_changes_" + name + " as\n"
                + bigQuery.render(model(name), true, result.startedAt(), null);
        String swap = "begin transaction;\n"
                + "delete from sales_gold." + name + " as target where exists (select 1 from sales_ops.gold_changes_"
                + name + " as changed_keys where target.sale_date = changed_keys.sale_date);\n"
                + "insert into sales_gold." + name + " select * from sales_ops.gold_changes_" + name + ";\n"
                + "commit transaction;";
        String drop = "drop table if exists sales_ops.gold_changes_" + name;
        assertThat(sent).containsSubsequence(staged, swap, drop);
        assertThat(staged).contains("where _loaded_at > timestamp '1970-01-01 00:00:00.000000'");
    }

    @Test
    void theDashboardReadsTheMartsWithPositionalParameters() {
        endpoint.table("sales_gold", "mart_sales_by_country_daily", List.of());
        endpoint.table("sales_gold", "fct_sale_lines", List.of());
        // The panel reads its all-time mart, which must exist (else it answers "not built yet").
        endpoint.table("sales_gold", "mart_sales_by_country", List.of());
        endpoint.answerRows(
                sql -> sql.startsWith("select country, sales, units, revenue from sales_gold.mart_sales_by_country"),
                List.of(
                        new FakeBigQueryEndpoint.ResultColumn("country", "STRING"),
                        new FakeBigQueryEndpoint.ResultColumn("sales", "INTEGER"),
                        new FakeBigQueryEndpoint.ResultColumn("units", "INTEGER"),
                        new FakeBigQueryEndpoint.ResultColumn("revenue", "NUMERIC")),
                List.of(
                        List.of("DE", 7L, 12L, new BigDecimal("123.45")),
                        List.of("FR", 2L, 3L, new BigDecimal("9.5"))));
        endpoint.answerRows(
                sql -> sql.startsWith("select max(finished_at) as marts_built_at"),
                List.of(new FakeBigQueryEndpoint.ResultColumn("marts_built_at", "TIMESTAMP")),
                List.of(List.of(Instant.parse("2026-12-03T08:00:01.5Z"))));
        endpoint.answerRows(
                sql -> sql.startsWith("select max(placed_at) as latest_sale_at"),
                List.of(new FakeBigQueryEndpoint.ResultColumn("latest_sale_at", "TIMESTAMP")),
                List.of(List.of(Instant.parse("2026-12-02T23:59:59Z"))));
        endpoint.table("sales_ops", "gold_runs", List.of());
        DashboardQueries dashboard =
                new DashboardQueries(new BigQueryQueryEngine(endpoint.client(), "EU", "dashboard"), "EUR");

        DashboardQueries.Answer byCountry =
                dashboard.breakdown(DashboardQueries.Panel.COUNTRY, DashboardFilter.NONE, null);

        assertThat(byCountry.rows())
                .containsExactly(
                        Map.of("country", "DE", "sales", 7L, "units", 12L, "revenue", new BigDecimal("123.45")),
                        Map.of("country", "FR", "sales", 2L, "units", 3L, "revenue", new BigDecimal("9.5")));
        JsonObject request = endpoint.queries().get(endpoint.queries().size() - 1);
        // positional: the parameters carry no names
        request.getAsJsonArray("queryParameters")
                .forEach(p -> assertThat(p.getAsJsonObject().has("name")).isFalse());
        assertThat(parameters(request)).containsExactly("STRING=EUR");
        assertThat(request.getAsJsonObject("labels").get("component").getAsString())
                .isEqualTo("dashboard");
        assertThat(dashboard.freshness())
                .containsEntry("marts_built_at", "2026-12-03 08:00:01 UTC")
                .containsEntry("latest_sale_at", "2026-12-02 23:59:59 UTC");

        endpoint.clear();
        dashboard.revenueOverTime(
                "week", DashboardFilter.NONE.withDates(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30")));
        JsonObject weekly = endpoint.queries().get(0);
        assertThat(weekly.get("query").getAsString())
                .startsWith("select date_trunc(sale_date, isoweek) as period_start, sum(sales) as sales")
                .contains("where reporting_currency = ? and sale_date >= ? and sale_date <= ?");
        assertThat(parameters(weekly)).containsExactly("STRING=EUR", "DATE=2026-11-01", "DATE=2026-11-30");
    }

    @Test
    void theGoldExportHasBigQueryWriteEachTableAsParquetToTheBucket() {
        endpoint.answerRows(
                sql -> sql.startsWith("select table_name from sales_gold.INFORMATION_SCHEMA.TABLES"),
                List.of(new FakeBigQueryEndpoint.ResultColumn("table_name", "STRING")),
                List.of(List.of("dim_store"), List.of("fct_sale_lines")));
        endpoint.answerRows(
                sql -> sql.startsWith("select count(*) from sales_gold."),
                List.of(new FakeBigQueryEndpoint.ResultColumn("f0_", "INTEGER")),
                List.of(List.of(42L)));
        List<String> progress = new ArrayList<>();

        List<BucketExport.Exported> exported = BucketExport.export(gold, "demo-project-salesflow", progress::add);

        assertThat(exported)
                .extracting(BucketExport.Exported::uri)
                .containsExactly(
                        "gs://demo-project-salesflow/gold/parquet/dim_store/part-*.parquet",
                        "gs://demo-project-salesflow/gold/parquet/fct_sale_lines/part-*.parquet");
        assertThat(exported).extracting(BucketExport.Exported::rows).containsOnly(42L);
        assertThat(endpoint.queryTexts())
                .contains(
                        "export data options (uri = 'gs://demo-project-salesflow/gold/parquet/dim_store/part-*.parquet',"
                                + " format = 'PARQUET', overwrite = true) as select * from sales_gold.`dim_store`",
                        "export data options (uri ="
                                + " 'gs://demo-project-salesflow/gold/parquet/fct_sale_lines/part-*.parquet', format ="
                                + " 'PARQUET', overwrite = true) as select * from sales_gold.`fct_sale_lines`");
        assertThat(progress).hasSize(2);
    }

    @Test
    void tableTypesAndColumnsComeFromTheTablesApi() {
        endpoint.table("sales_gold", "dim_store", List.<String[]>of(new String[] {"store_key", "STRING", "REQUIRED"}));
        assertThat(gold.tableType("sales_gold", "dim_store")).isEqualTo(QueryEngine.TableType.TABLE);
        assertThat(gold.tableType("sales_gold", "nothing_here")).isNull();
        assertThat(gold.columns("sales_gold", "dim_store")).containsExactly("store_key STRING");
    }

    private SqlModel model(String name) {
        return project.modelsInOrder().stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> parameters(JsonObject request) {
        List<String> values = new ArrayList<>();
        JsonArray parameters = request.getAsJsonArray("queryParameters");
        for (int i = 0; i < parameters.size(); i++) {
            JsonObject parameter = parameters.get(i).getAsJsonObject();
            values.add(parameter.getAsJsonObject("parameterType").get("type").getAsString() + "="
                    + parameter.getAsJsonObject("parameterValue").get("value").getAsString());
        }
        return values;
    }
}
