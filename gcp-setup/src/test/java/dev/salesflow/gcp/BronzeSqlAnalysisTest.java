package dev.salesflow.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.bigquery.Field;
import com.google.zetasql.Analyzer;
import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.LanguageOptions;
import com.google.zetasql.ParseResumeLocation;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SimpleColumn;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.SqlException;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLBuiltinFunctionOptions;
import com.google.zetasql.ZetaSQLOptions.ProductMode;
import com.google.zetasql.ZetaSQLType.TypeKind;
import dev.salesflow.bronze.bigquery.BronzeSql;
import dev.salesflow.bronze.bigquery.BronzeTableLayout;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every statement the bronze job sends BigQuery, as it sends it ({@code BronzeSql} renders the resource
 * files of beam-bronze), and the DDL file, analysed by ZetaSQL (GoogleSQL's analyser, BigQuery's
 * external product mode) against the bronze tables as setup creates them: names, types, functions and
 * parameter types resolve. Not execution: what the statements do is argued in beam-bronze/README.md.
 */
class BronzeSqlAnalysisTest {

    private static LanguageOptions language;
    private static SimpleCatalog catalog;

    @BeforeAll
    static void catalog() {
        language = new LanguageOptions();
        language.enableMaximumLanguageFeatures();
        language.setSupportsAllStatementKinds();
        language.setProductMode(ProductMode.PRODUCT_EXTERNAL);
        catalog = new SimpleCatalog("bigquery");
        catalog.addZetaSQLFunctionsAndTypes(new ZetaSQLBuiltinFunctionOptions(language));
        SimpleCatalog dataset = catalog.addNewSimpleCatalog(GcpLayout.BRONZE_DATASET);
        for (BronzeTables.Table table : BronzeTables.all()) {
            List<SimpleColumn> columns = new ArrayList<>();
            for (Field field : table.schema().getFields()) {
                columns.add(new SimpleColumn(table.name(), field.getName(), TypeFactory.createSimpleType(kind(field))));
            }
            dataset.addSimpleTable(new SimpleTable(table.name(), columns));
        }
    }

    @Test
    void theMergeScriptAnalysesWithItsParameters() throws SqlException {
        assertThat(analyse(BronzeSql.mergeScript(BronzeSql.Tables.defaults()), mergeParameters()))
                .containsExactly("MergeStmt", "InsertStmt");
    }

    @Test
    void theWindowQueryAnalyses() throws SqlException {
        AnalyzerOptions options = options();
        options.addQueryParameter("since", TypeFactory.createSimpleType(TypeKind.TYPE_TIMESTAMP));
        assertThat(analyse(BronzeSql.windowQuery(BronzeSql.Tables.defaults()), options))
                .containsExactly("QueryStmt");
    }

    @Test
    void theDdlFileAndTheJobsCreateTableAnalyse() throws Exception {
        String ddl;
        try (InputStream in = BronzeSql.class.getClassLoader().getResourceAsStream(BronzeSql.DDL)) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(analyse(ddl, options()))
                .containsExactly("CreateSchemaStmt", "CreateTableStmt", "CreateTableStmt", "CreateTableStmt");
        assertThat(analyse(
                        BronzeSql.createTable(BronzeTableLayout.EVENTS, "my-project:sales_bronze.sales_events"),
                        options()))
                .containsExactly("CreateTableStmt");
    }

    @Test
    void theAnalysisCanFail() {
        // a column the landing table lacks, and a parameter of the wrong type, are refused
        assertThatThrownBy(() -> analyse(
                        BronzeSql.mergeScript(BronzeSql.Tables.defaults())
                                .replace("s.ingested_at <= @through", "s.ingest_at <= @through"),
                        mergeParameters()))
                .hasMessageContaining("ingest_at");
        AnalyzerOptions wrong = options();
        wrong.addQueryParameter("since", TypeFactory.createSimpleType(TypeKind.TYPE_TIMESTAMP));
        wrong.addQueryParameter("through", TypeFactory.createSimpleType(TypeKind.TYPE_TIMESTAMP));
        wrong.addQueryParameter(
                "business_dates", TypeFactory.createArrayType(TypeFactory.createSimpleType(TypeKind.TYPE_TIMESTAMP)));
        assertThatThrownBy(() -> analyse(BronzeSql.mergeScript(BronzeSql.Tables.defaults()), wrong))
                .isInstanceOf(SqlException.class);
    }

    private static AnalyzerOptions mergeParameters() {
        AnalyzerOptions options = options();
        options.addQueryParameter("since", TypeFactory.createSimpleType(TypeKind.TYPE_TIMESTAMP));
        options.addQueryParameter("through", TypeFactory.createSimpleType(TypeKind.TYPE_TIMESTAMP));
        options.addQueryParameter(
                "business_dates", TypeFactory.createArrayType(TypeFactory.createSimpleType(TypeKind.TYPE_DATE)));
        return options;
    }

    private static AnalyzerOptions options() {
        AnalyzerOptions options = new AnalyzerOptions();
        options.setLanguageOptions(language);
        return options;
    }

    /** Each statement of a script in turn; the resolved kinds. */
    private static List<String> analyse(String sql, AnalyzerOptions options) throws SqlException {
        List<String> kinds = new ArrayList<>();
        ParseResumeLocation location = new ParseResumeLocation(sql);
        while (!stripComments(sql.substring(location.getBytePosition())).isBlank()) {
            kinds.add(Analyzer.analyzeNextStatement(location, options, catalog).nodeKindString());
        }
        return kinds;
    }

    private static String stripComments(String rest) {
        return rest.replaceAll("(?m)--.*$", "");
    }

    private static TypeKind kind(Field field) {
        return switch (field.getType().getStandardType()) {
            case STRING -> TypeKind.TYPE_STRING;
            case INT64 -> TypeKind.TYPE_INT64;
            case TIMESTAMP -> TypeKind.TYPE_TIMESTAMP;
            case JSON -> TypeKind.TYPE_JSON;
            case BYTES -> TypeKind.TYPE_BYTES;
            default -> throw new AssertionError("no ZetaSQL type for " + field);
        };
    }
}
