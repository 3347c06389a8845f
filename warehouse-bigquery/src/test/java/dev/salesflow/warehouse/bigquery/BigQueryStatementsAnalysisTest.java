package dev.salesflow.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.salesflow.warehouse.bigquery.FakeBigQueryEndpoint.ResultColumn;
import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.TableSpec;
import dev.salesflow.warehouse.table.TableStore.AggregateRows;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every statement the store sends for the real read-model tables compiles as GoogleSQL: the store
 * runs every operation against the local endpoint, and each jobs.query request it sent (text and
 * parameter types as sent) is analysed by ZetaSQL against a catalog of those tables. A statement
 * that does not analyse fails with ZetaSQL's message. Proves names, types, functions and parameter
 * types; not execution (see docs/projections.md, "BigQuery").
 */
class BigQueryStatementsAnalysisTest {

    static GoogleSqlAnalyser analyser;

    @BeforeAll
    static void loadAnalyser() {
        analyser = new GoogleSqlAnalyser(ReadModelTables.ALL);
    }

    static Stream<Named<TableSpec>> tables() {
        return ReadModelTables.ALL.stream().map(table -> Named.of(table.qualifiedName(), table));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void everyStatementSentForTheTableAnalysesAsGoogleSql(TableSpec table) {
        List<JsonObject> sent;
        try (FakeBigQueryEndpoint endpoint = FakeBigQueryEndpoint.start();
                BigQueryTableStore store = new BigQueryTableStore(endpoint.client(), FakeBigQueryEndpoint.LOCATION)) {
            endpoint.answerRows(
                    sql -> sql.startsWith("SELECT COUNT(*)"),
                    List.of(new ResultColumn("row_count", "INTEGER"), new ResultColumn("fingerprint", "STRING")),
                    List.of(List.of(0L, "0")));
            endpoint.answerRows(
                    sql -> sql.startsWith("SELECT COUNT(*) - COUNT(DISTINCT"),
                    List.of(new ResultColumn("duplicate_keys", "INTEGER")),
                    List.of(List.of(0L)));
            store.create(table);
            endpoint.table(
                    table.schema(), table.shadow().name(), List.<String[]>of(new String[] {"x", "STRING", "NULLABLE"}));
            store.create(table.shadow()); // another shape: dropped and built again
            Map<TableSpec, AggregateRows> changes = new LinkedHashMap<>();
            changes.put(
                    table,
                    new AggregateRows(
                            List.of("a-1", "a-2"), List.of(sampleRow(table, "a-1", 1), sampleRow(table, "a-1", 2))));
            changes.put(table.shadow(), new AggregateRows(List.of("a-3"), List.of()));
            store.replace(changes);
            store.rowsOf(table, "a-1");
            store.checksum(table);
            assertThat(store.duplicateKeys(table)).isZero();
            store.switchOver(List.of(table));
            store.drop(table);
            sent = endpoint.queries();
        }

        Set<String> kinds = new LinkedHashSet<>();
        for (JsonObject request : sent) {
            kinds.addAll(analyser.analyse(request));
        }
        assertThat(kinds)
                .containsExactlyInAnyOrder(
                        "CreateSchemaStmt",
                        "CreateTableStmt",
                        "DropStmt",
                        "BeginStmt",
                        "DeleteStmt",
                        "InsertStmt",
                        "CommitStmt",
                        "QueryStmt");
    }

    @Test
    void theAnalyserRejectsWhatBigQueryWouldRejectSoTheTestCanFail() {
        assertThatThrownBy(() -> analyser.analyse(
                        "SELECT sale_id FROM sales_silver.sale_lines WHERE no_such_column = 1", analyser.options()))
                .hasMessageContaining("no_such_column");
        // A row struct whose amount is a STRING cannot be inserted into a NUMERIC column.
        JsonObject request = new JsonObject();
        request.addProperty(
                "query",
                "INSERT INTO sales_silver.fx_rates (base_currency, currency, day, rate, published_at,"
                        + " event_id, last_sequence_number) SELECT base_currency, currency, day, rate, published_at, event_id,"
                        + " last_sequence_number FROM UNNEST(@rows_0)");
        com.google.gson.JsonArray parameters = new com.google.gson.JsonArray();
        parameters.add(com.google.gson.JsonParser.parseString("""
                {"name": "rows_0", "parameterType": {"type": "ARRAY", "arrayType": {"type": "STRUCT", "structTypes": [
                  {"name": "base_currency", "type": {"type": "STRING"}}, {"name": "currency", "type": {"type": "STRING"}},
                  {"name": "day", "type": {"type": "DATE"}}, {"name": "rate", "type": {"type": "STRING"}},
                  {"name": "published_at", "type": {"type": "TIMESTAMP"}}, {"name": "event_id", "type": {"type": "STRING"}},
                  {"name": "last_sequence_number", "type": {"type": "INT64"}}]}}}"""));
        request.add("queryParameters", parameters);
        assertThatThrownBy(() -> analyser.analyse(request))
                .hasMessageContaining("GoogleSQL rejects")
                .hasMessageContaining("NUMERIC");
    }

    /** A row with a value of the column's type in every column; the aggregate column holds {@code id}. */
    static Object[] sampleRow(TableSpec table, String id, int n) {
        List<Object> values = new ArrayList<>();
        for (Column column : table.columns()) {
            if (column.name().equals(table.aggregateColumn())) {
                values.add(id);
                continue;
            }
            values.add(
                    switch (column.type()) {
                        case STRING -> column.name() + "-" + n;
                        case INT64 -> (long) n;
                        case DECIMAL ->
                            new BigDecimal("12.3456789012").setScale(column.scale(), java.math.RoundingMode.HALF_EVEN);
                        case TIMESTAMP -> Instant.parse("2026-11-01T10:15:30.123456Z");
                        case DATE -> LocalDate.parse("2026-11-01");
                        case BOOL -> n % 2 == 0;
                    });
        }
        return table.row(values.toArray());
    }
}
