package dev.salesflow.warehouse.bigquery;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.zetasql.Analyzer;
import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.LanguageOptions;
import com.google.zetasql.ParseResumeLocation;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SimpleColumn;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.SqlException;
import com.google.zetasql.StructType;
import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLBuiltinFunctionOptions;
import com.google.zetasql.ZetaSQLOptions.ProductMode;
import com.google.zetasql.ZetaSQLType.TypeKind;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedStatement;
import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.TableSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * ZetaSQL, the GoogleSQL analyser BigQuery's dialect comes from, set up as BigQuery's external
 * product mode, with a catalog holding the read-model tables (live and shadow). It resolves names,
 * types, functions and parameter types as BigQuery's front end would, offline; it does not execute.
 */
final class GoogleSqlAnalyser {

    private final LanguageOptions language;
    private final SimpleCatalog catalog;

    GoogleSqlAnalyser(List<TableSpec> tables) {
        language = new LanguageOptions();
        // All released GoogleSQL features (NUMERIC/BIGNUMERIC, DDL, transactions, CLUSTER BY, COPY …):
        // looser than BigQuery on features it lacks, as strict on names and types.
        language.enableMaximumLanguageFeatures();
        language.setSupportsAllStatementKinds();
        language.setProductMode(ProductMode.PRODUCT_EXTERNAL);
        catalog = new SimpleCatalog("bigquery");
        catalog.addZetaSQLFunctionsAndTypes(new ZetaSQLBuiltinFunctionOptions(language));
        for (TableSpec spec : tables) {
            add(spec);
            add(spec.shadow());
        }
    }

    private void add(TableSpec spec) {
        SimpleCatalog dataset = catalog.getCatalog(spec.schema()) == null
                ? catalog.addNewSimpleCatalog(spec.schema())
                : catalog.getCatalog(spec.schema());
        List<SimpleColumn> columns = new ArrayList<>();
        for (Column column : spec.columns()) {
            columns.add(new SimpleColumn(spec.name(), column.name(), type(column)));
        }
        dataset.addSimpleTable(new SimpleTable(spec.name(), columns));
    }

    private static Type type(Column column) {
        return switch (column.type()) {
            case STRING -> simple(TypeKind.TYPE_STRING);
            case INT64 -> simple(TypeKind.TYPE_INT64);
            case DECIMAL ->
                simple(
                        BigQuerySql.decimalType(column).equals("NUMERIC")
                                ? TypeKind.TYPE_NUMERIC
                                : TypeKind.TYPE_BIGNUMERIC);
            case TIMESTAMP -> simple(TypeKind.TYPE_TIMESTAMP);
            case DATE -> simple(TypeKind.TYPE_DATE);
            case BOOL -> simple(TypeKind.TYPE_BOOL);
        };
    }

    /**
     * Analyses every statement of a jobs.query request body (a script is analysed statement by
     * statement), with the query parameters typed as the request types them.
     *
     * @return the statements' resolved kinds, e.g. {@code [BeginStmt, DeleteStmt, …]}
     * @throws AssertionError with ZetaSQL's message and the statement if one does not analyse
     */
    List<String> analyse(JsonObject request) {
        AnalyzerOptions options = new AnalyzerOptions();
        options.setLanguageOptions(language);
        if (request.has("queryParameters")) {
            for (JsonElement parameter : request.getAsJsonArray("queryParameters")) {
                JsonObject p = parameter.getAsJsonObject();
                options.addQueryParameter(p.get("name").getAsString(), type(p.getAsJsonObject("parameterType")));
            }
        }
        return analyse(request.get("query").getAsString(), options);
    }

    List<String> analyse(String sql, AnalyzerOptions options) {
        List<String> kinds = new ArrayList<>();
        ParseResumeLocation location = new ParseResumeLocation(sql);
        while (!sql.substring(location.getBytePosition()).isBlank()) {
            int start = location.getBytePosition();
            try {
                ResolvedStatement statement = Analyzer.analyzeNextStatement(location, options, catalog);
                kinds.add(statement.nodeKindString());
            } catch (SqlException e) {
                throw new AssertionError(
                        "GoogleSQL rejects the statement at byte " + start + ": " + e.getMessage()
                                + "\n--- sent to BigQuery ---\n" + sql,
                        e);
            }
        }
        return kinds;
    }

    AnalyzerOptions options() {
        AnalyzerOptions options = new AnalyzerOptions();
        options.setLanguageOptions(language);
        return options;
    }

    /** A REST QueryParameterType as a ZetaSQL type. */
    static Type type(JsonObject parameterType) {
        String name = parameterType.get("type").getAsString();
        return switch (name) {
            case "ARRAY" -> TypeFactory.createArrayType(type(parameterType.getAsJsonObject("arrayType")));
            case "STRUCT" -> {
                List<StructType.StructField> fields = new ArrayList<>();
                for (JsonElement field : parameterType.getAsJsonArray("structTypes")) {
                    JsonObject f = field.getAsJsonObject();
                    fields.add(
                            new StructType.StructField(f.get("name").getAsString(), type(f.getAsJsonObject("type"))));
                }
                yield TypeFactory.createStructType(fields);
            }
            case "STRING" -> simple(TypeKind.TYPE_STRING);
            case "INT64" -> simple(TypeKind.TYPE_INT64);
            case "NUMERIC" -> simple(TypeKind.TYPE_NUMERIC);
            case "BIGNUMERIC" -> simple(TypeKind.TYPE_BIGNUMERIC);
            case "TIMESTAMP" -> simple(TypeKind.TYPE_TIMESTAMP);
            case "DATE" -> simple(TypeKind.TYPE_DATE);
            case "BOOL" -> simple(TypeKind.TYPE_BOOL);
            default -> throw new AssertionError("parameter type " + name + " is not one the store should send");
        };
    }

    private static Type simple(TypeKind kind) {
        return TypeFactory.createSimpleType(kind);
    }
}
