package dev.salesflow.gold;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zetasql.Analyzer;
import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.LanguageOptions;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SimpleColumn;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.SqlException;
import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLBuiltinFunctionOptions;
import com.google.zetasql.ZetaSQLOptions.ProductMode;
import com.google.zetasql.ZetaSQLType.TypeKind;
import com.google.zetasql.resolvedast.ResolvedColumn;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedOutputColumn;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedQueryStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedStatement;
import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.TableSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every BigQuery rendering of every model (from scratch and, for incremental models, the
 * incremental branch) and of every data test is analysed by ZetaSQL, GoogleSQL's analyser, in
 * BigQuery's external product mode, against the BigQuery schemas of bronze, silver and the
 * snapshots (the projections' own specs) and of the gold tables before it: each model's table is
 * added to the catalog with the column types its analysed query produces. Offline: it proves names,
 * types and functions resolve as BigQuery's front end would; it does not execute.
 */
class BigQueryRenderingAnalysisTest {

    private final LanguageOptions language = language();
    private final SimpleCatalog catalog = catalog();
    private final SqlRenderer renderer = new SqlRenderer(Dialect.BIGQUERY);

    @Test
    void everyModelAndTestRenderingAnalysesAgainstTheBigQuerySchemas() {
        GoldProject project = GoldProject.load();
        List<String> analysed = new ArrayList<>();
        for (SqlModel model : project.modelsInOrder()) {
            String full = renderer.render(model, false, Instant.now(), null);
            ResolvedQueryStmt query = (ResolvedQueryStmt) analyse(model.name() + " (full)", full);
            addGoldTable(model.name(), query.getOutputColumnList());
            if (model.keepsReplaced()) {
                // the runner's copy of the rows an incremental refresh replaced, stamped _replaced_at
                List<SimpleColumn> replaced = new ArrayList<>();
                for (ResolvedOutputColumn column : query.getOutputColumnList()) {
                    replaced.add(new SimpleColumn(
                            model.name() + "__replaced",
                            column.getName(),
                            column.getColumn().getType()));
                }
                replaced.add(new SimpleColumn(
                        model.name() + "__replaced",
                        "_replaced_at",
                        TypeFactory.createSimpleType(TypeKind.TYPE_TIMESTAMP)));
                dataset(SqlModel.GOLD_SCHEMA).addSimpleTable(new SimpleTable(model.name() + "__replaced", replaced));
            }
            analysed.add(model.name());
            analyse(model.name() + " (create)", "create or replace table " + model.table() + " as\n" + full);
            if (model.materialization() == SqlModel.Materialization.INCREMENTAL) {
                ResolvedQueryStmt incremental = (ResolvedQueryStmt) analyse(
                        model.name() + " (incremental)", renderer.render(model, true, Instant.now(), Instant.now()));
                assertThat(names(incremental.getOutputColumnList()))
                        .as(model.name() + ": both branches, same columns")
                        .isEqualTo(names(query.getOutputColumnList()));
            }
        }
        for (DataTest test : project.tests()) {
            analyse("test " + test.name(), renderer.renderTest(test.name(), test.sql()));
        }
        assertThat(analysed).hasSize(project.modelsInOrder().size());
    }

    @Test
    void theDialectsDifferWhereTheMacrosSaySo() {
        SqlModel dates = GoldProject.load().model("dim_date");
        assertThat(new SqlRenderer(Dialect.BIGQUERY).render(dates, false, null, null))
                .contains("generate_date_array(", "date_trunc(date_day, isoweek)", "extract(isoweek from date_day)");
        assertThat(new SqlRenderer(Dialect.DUCKDB).render(dates, false, null, null))
                .contains("range(", "date_trunc('week', date_day)", "weekofyear(date_day)");
    }

    @Test
    void theAnalyserRefusesTheDuckDbRenderingOfTheCalendar() {
        // The check has teeth: DuckDB's spelling (range(), weekofyear, isodow) is not GoogleSQL.
        String duckdb =
                new SqlRenderer(Dialect.DUCKDB).render(GoldProject.load().model("dim_date"), false, null, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> analyse("dim_date for DuckDB", duckdb))
                .hasMessageContaining("GoogleSQL rejects");
    }

    private ResolvedStatement analyse(String what, String sql) {
        AnalyzerOptions options = new AnalyzerOptions();
        options.setLanguageOptions(language);
        try {
            return Analyzer.analyzeStatement(sql, options, catalog);
        } catch (SqlException e) {
            throw new AssertionError(
                    "GoogleSQL rejects " + what + ": " + e.getMessage() + "\n--- rendered ---\n" + sql, e);
        }
    }

    private static List<String> names(List<ResolvedOutputColumn> columns) {
        return columns.stream()
                .map(c -> c.getName() + " " + c.getColumn().getType().typeName(ProductMode.PRODUCT_EXTERNAL))
                .toList();
    }

    private void addGoldTable(String name, List<ResolvedOutputColumn> output) {
        List<SimpleColumn> columns = new ArrayList<>();
        for (ResolvedOutputColumn column : output) {
            ResolvedColumn resolved = column.getColumn();
            columns.add(new SimpleColumn(name, column.getName(), resolved.getType()));
        }
        dataset(SqlModel.GOLD_SCHEMA).addSimpleTable(new SimpleTable(name, columns));
    }

    private static LanguageOptions language() {
        LanguageOptions options = new LanguageOptions();
        options.enableMaximumLanguageFeatures();
        options.setSupportsAllStatementKinds();
        options.setProductMode(ProductMode.PRODUCT_EXTERNAL);
        return options;
    }

    private SimpleCatalog catalog() {
        SimpleCatalog root = new SimpleCatalog("bigquery");
        root.addZetaSQLFunctionsAndTypes(new ZetaSQLBuiltinFunctionOptions(language));
        for (TableSpec spec : GoldFixtures.SOURCE_TABLES) {
            List<SimpleColumn> columns = new ArrayList<>();
            for (Column column : spec.columns()) {
                columns.add(new SimpleColumn(spec.name(), column.name(), type(column)));
            }
            dataset(root, spec.schema()).addSimpleTable(new SimpleTable(spec.name(), columns));
        }
        // sales_bronze.sales_events as beam-bronze/src/main/resources/bronze/bigquery/bronze_tables.sql creates it
        List<SimpleColumn> bronze = new ArrayList<>();
        for (String[] column : new String[][] {
            {"event_id", "STRING"},
            {"event_type", "STRING"},
            {"event_revision", "STRING"},
            {"aggregate_type", "STRING"},
            {"aggregate_id", "STRING"},
            {"sequence_number", "INT64"},
            {"occurred_at", "TIMESTAMP"},
            {"published_at", "TIMESTAMP"},
            {"payload", "JSON"},
            {"raw_message", "STRING"},
            {"pubsub_message_id", "STRING"},
            {"attributes", "JSON"},
            {"ingested_at", "TIMESTAMP"}
        }) {
            bronze.add(new SimpleColumn("sales_events", column[0], simple(TypeKind.valueOf("TYPE_" + column[1]))));
        }
        dataset(root, "sales_bronze").addSimpleTable(new SimpleTable("sales_events", bronze));
        dataset(root, SqlModel.GOLD_SCHEMA);
        return root;
    }

    private SimpleCatalog dataset(String name) {
        return dataset(catalog, name);
    }

    private static SimpleCatalog dataset(SimpleCatalog root, String name) {
        SimpleCatalog found = root.getCatalog(name);
        return found != null ? found : root.addNewSimpleCatalog(name);
    }

    private static Type type(Column column) {
        return switch (column.type()) {
            case STRING -> simple(TypeKind.TYPE_STRING);
            case INT64 -> simple(TypeKind.TYPE_INT64);
            case DECIMAL -> simple(column.scale() <= 9 ? TypeKind.TYPE_NUMERIC : TypeKind.TYPE_BIGNUMERIC);
            case TIMESTAMP -> simple(TypeKind.TYPE_TIMESTAMP);
            case DATE -> simple(TypeKind.TYPE_DATE);
            case BOOL -> simple(TypeKind.TYPE_BOOL);
        };
    }

    private static Type simple(TypeKind kind) {
        return TypeFactory.createSimpleType(kind);
    }
}
