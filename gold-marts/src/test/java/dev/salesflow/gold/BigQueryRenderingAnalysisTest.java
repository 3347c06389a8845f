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
import com.google.zetasql.ZetaSQLOptions.ParameterMode;
import com.google.zetasql.ZetaSQLOptions.ProductMode;
import com.google.zetasql.ZetaSQLType.TypeKind;
import com.google.zetasql.resolvedast.ResolvedColumn;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedColumnDefinition;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedCreateTableStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedOutputColumn;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedQueryStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedStatement;
import dev.salesflow.gold.read.DashboardFilter;
import dev.salesflow.gold.read.DashboardQueries;
import dev.salesflow.warehouse.engine.QueryEngine;
import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.TableSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
            addGoldTables(model, query);
            analysed.add(model.name());
            // with the table's BigQuery layout (the fact: partitioned by day, clustered by store and product)
            analyse(
                    model.name() + " (create)",
                    "create or replace table " + model.table() + model.tableLayout(Dialect.BIGQUERY) + " as\n" + full);
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

    // ---------------------------------------------------------------- the runner's and the dashboard's own SQL

    /**
     * What ModelRunner sends on BigQuery besides the renderings (the run-log DDL, its inserts, the
     * fingerprint queries, the staged incremental swap, the data tests' wrappers) and every query the
     * dashboard sends, with its positional parameters typed as BigQueryQueryEngine sends them: all
     * analysed as GoogleSQL. They are captured from the real classes on an engine that records them.
     */
    @Test
    void theRunnersOwnStatementsAnalyse() {
        GoldProject project = GoldProject.load();
        buildGoldCatalog(project);
        Recording engine = new Recording(false);
        addOpsTables();
        // an incremental model's staging table has the model's columns
        for (SqlModel model : project.modelsInOrder()) {
            SimpleTable gold = catalog.getCatalog(SqlModel.GOLD_SCHEMA).getTable(model.name(), null);
            List<SimpleColumn> columns = new ArrayList<>();
            for (int i = 0; i < gold.getColumnCount(); i++) {
                columns.add(new SimpleColumn(
                        "gold_changes_" + model.name(),
                        gold.getColumn(i).getName(),
                        gold.getColumn(i).getType()));
            }
            dataset("sales_ops").addSimpleTable(new SimpleTable("gold_changes_" + model.name(), columns));
        }
        ModelRunner runner = new ModelRunner(engine, project);
        engine.sent.clear();
        // every table "exists" with equal columns: the incremental path, the fingerprints and the tests run
        ModelRunner.RunResult result = runner.run(ModelRunner.Request.all("analysis"), line -> {});
        assertThat(result.models()).isNotEmpty();
        Set<String> kinds = new TreeSet<>();
        for (Sent sent : engine.sent) {
            for (String statement : statements(sent.sql())) {
                kinds.add(statement.substring(0, Math.min(statement.length(), 20)));
                analyse("runner statement", statement);
            }
        }
        assertThat(String.join("\n", kinds))
                .contains("delete from sales_go", "insert into sales_go", "create or replace ta", "drop table if exis")
                .contains("insert into sales_op", "select concat(cast(");
    }

    @Test
    void theDashboardsQueriesAnalyseWithTheirPositionalParameters() {
        buildGoldCatalog(GoldProject.load());
        addOpsTables();
        Recording engine = new Recording(true);
        DashboardQueries dashboard = new DashboardQueries(engine, "EUR");
        LocalDate from = LocalDate.parse("2026-11-01");
        LocalDate to = LocalDate.parse("2026-11-30");
        List<DashboardFilter> filters = List.of(
                DashboardFilter.NONE,
                DashboardFilter.NONE.withDates(from, to),
                new DashboardFilter(from, to, "DE", "WEB", "EUR", DashboardFilter.Amounts.SALE));
        for (DashboardFilter filter : filters) {
            for (DashboardQueries.Panel panel : DashboardQueries.Panel.values()) {
                dashboard.breakdown(panel, filter, 10);
            }
            dashboard.kpis(filter);
            for (String grain : List.of("day", "week", "month")) {
                dashboard.revenueOverTime(grain, filter);
            }
            dashboard.segments(filter);
            dashboard.topCustomers(filter, 10);
        }
        dashboard.choices();
        dashboard.freshness();
        assertThat(engine.sent).hasSizeGreaterThan(30);
        for (Sent sent : engine.sent) {
            AnalyzerOptions options = new AnalyzerOptions();
            options.setLanguageOptions(language);
            options.setParameterMode(ParameterMode.PARAMETER_POSITIONAL);
            for (Object value : sent.parameters()) {
                options.addPositionalQueryParameter(simple(
                        value instanceof String
                                ? TypeKind.TYPE_STRING
                                : value instanceof LocalDate
                                        ? TypeKind.TYPE_DATE
                                        : value instanceof BigDecimal ? TypeKind.TYPE_NUMERIC : TypeKind.TYPE_INT64));
            }
            try {
                Analyzer.analyzeStatement(sent.sql(), options, catalog);
            } catch (SqlException e) {
                throw new AssertionError(
                        "GoogleSQL rejects a dashboard query: " + e.getMessage() + "\n" + sent.sql(), e);
            }
        }
    }

    /** The run-log tables: analysed, then added to the catalog as created. */
    private void addOpsTables() {
        for (String ddl : GoldProject.opsTables(Dialect.BIGQUERY)) {
            ResolvedStatement created = analyse("ops DDL", ddl);
            if (created instanceof ResolvedCreateTableStmt table) {
                List<String> path = table.getNamePath();
                List<SimpleColumn> columns = new ArrayList<>();
                for (ResolvedColumnDefinition column : table.getColumnDefinitionList()) {
                    columns.add(new SimpleColumn(path.get(1), column.getName(), column.getType()));
                }
                dataset(path.get(0)).addSimpleTable(new SimpleTable(path.get(1), columns));
            }
        }
    }

    private void buildGoldCatalog(GoldProject project) {
        for (SqlModel model : project.modelsInOrder()) {
            ResolvedQueryStmt query =
                    (ResolvedQueryStmt) analyse(model.name(), renderer.render(model, false, Instant.now(), null));
            addGoldTables(model, query);
        }
    }

    /** The model's table, and for a model that keeps replaced rows, the runner's copy of them. */
    private void addGoldTables(SqlModel model, ResolvedQueryStmt query) {
        addGoldTable(model.name(), query.getOutputColumnList());
        if (model.keepsReplaced()) {
            // the rows an incremental refresh replaced, stamped _replaced_at
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
    }

    /** The statements of a script (a transaction), without its begin and commit. */
    private static List<String> statements(String sql) {
        if (!sql.startsWith("begin transaction;")) {
            return List.of(sql);
        }
        List<String> statements = new ArrayList<>();
        for (String statement : sql.split(";\n")) {
            String text = statement.strip();
            if (!text.startsWith("begin transaction") && !text.startsWith("commit transaction")) {
                statements.add(text);
            }
        }
        return statements;
    }

    private record Sent(String sql, List<?> parameters) {}

    /** A BigQuery-dialect engine that records what it is sent; every table exists, counts are 0. */
    private static final class Recording implements QueryEngine {
        final List<Sent> sent = new ArrayList<>();
        /** The dashboard expects a row from every aggregate; the runner reads "nothing stored yet" as none. */
        final boolean oneRowEach;

        Recording(boolean oneRowEach) {
            this.oneRowEach = oneRowEach;
        }

        @Override
        public Kind kind() {
            return Kind.BIGQUERY;
        }

        @Override
        public void execute(String sql) {
            sent.add(new Sent(sql, List.of()));
        }

        @Override
        public void executeAtomically(List<String> statements) {
            sent.add(new Sent(
                    "begin transaction;\n" + String.join(";\n", statements) + ";\ncommit transaction;", List.of()));
        }

        @Override
        public <T> List<T> query(String sql, List<?> parameters, RowReader<T> reader) {
            sent.add(new Sent(sql, parameters));
            Object value =
                    sql.startsWith("select count(") ? (Object) 0L : sql.startsWith("select concat(") ? "0/0" : null;
            if (value == null && !oneRowEach) {
                return List.of();
            }
            int count = value == null ? 0 : 1;
            Object answer = value == null ? "x" : value;
            return List.of(reader.read(new Row() {
                @Override
                public int columnCount() {
                    return count;
                }

                @Override
                public String label(int column) {
                    return "f0_";
                }

                @Override
                public Object value(int column) {
                    return answer;
                }
            }));
        }

        @Override
        public boolean tableExists(String schema, String table) {
            return true;
        }

        @Override
        public TableType tableType(String schema, String table) {
            return TableType.TABLE;
        }

        @Override
        public List<String> columns(String schema, String table) {
            return List.of("same INT64");
        }
    }
}
