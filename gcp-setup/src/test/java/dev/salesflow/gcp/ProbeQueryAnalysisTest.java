package dev.salesflow.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.bigquery.Field;
import com.google.zetasql.Analyzer;
import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.LanguageOptions;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SimpleColumn;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.SqlException;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLBuiltinFunctionOptions;
import com.google.zetasql.ZetaSQLOptions.ProductMode;
import com.google.zetasql.ZetaSQLType.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one statement setup and check send BigQuery (check's dry run; setup creates everything through
 * the resource APIs, without SQL), analysed by ZetaSQL, GoogleSQL's analyser, against the bronze
 * tables as setup creates them. ZetaSQL's native library takes ~20 s to start.
 */
class ProbeQueryAnalysisTest {

    @Test
    void theDryRunQueryIsValidGoogleSqlOnTheBronzeSchema() throws SqlException {
        LanguageOptions language = new LanguageOptions();
        language.enableMaximumLanguageFeatures();
        language.setProductMode(ProductMode.PRODUCT_EXTERNAL);
        SimpleCatalog catalog = new SimpleCatalog("bigquery");
        catalog.addZetaSQLFunctionsAndTypes(new ZetaSQLBuiltinFunctionOptions(language));
        SimpleCatalog dataset = catalog.addNewSimpleCatalog(GcpLayout.BRONZE_DATASET);
        for (BronzeTables.Table table : BronzeTables.all()) {
            List<SimpleColumn> columns = new ArrayList<>();
            for (Field field : table.schema().getFields()) {
                columns.add(new SimpleColumn(table.name(), field.getName(), TypeFactory.createSimpleType(kind(field))));
            }
            dataset.addSimpleTable(new SimpleTable(table.name(), columns));
        }
        AnalyzerOptions options = new AnalyzerOptions();
        options.setLanguageOptions(language);

        assertThat(Analyzer.analyzeStatement(GcpCheck.probeQuery(), options, catalog)
                        .nodeKindString())
                .isEqualTo("QueryStmt");
        // The analysis can fail: a column the table lacks is refused.
        assertThatThrownBy(() -> Analyzer.analyzeStatement(
                        GcpCheck.probeQuery().replace("occurred_at", "occured_at"), options, catalog))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("occured_at");
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
