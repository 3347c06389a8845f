package dev.salesflow.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.salesflow.warehouse.WarehouseException;
import dev.salesflow.warehouse.bigquery.FakeBigQueryEndpoint.ResultColumn;
import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.ColumnType;
import dev.salesflow.warehouse.table.TableSpec;
import dev.salesflow.warehouse.table.TableStore.AggregateRows;
import dev.salesflow.warehouse.table.TableStore.TableChecksum;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the store sends BigQuery through the official client, checked on a local endpoint that
 * records the requests: statements, parameter names, types and values, GoogleSQL (not legacy),
 * location and labels. The statements themselves are analysed in {@link BigQueryStatementsAnalysisTest}.
 */
class BigQueryTableStoreRequestsTest {

    static final TableSpec LINES = new TableSpec(
            "s",
            "lines",
            List.of(
                    Column.required("sale_id", ColumnType.STRING),
                    Column.required("line_number", ColumnType.INT64),
                    Column.money("amount", false),
                    Column.decimal("rate", 10, true),
                    Column.required("placed_at", ColumnType.TIMESTAMP),
                    Column.optional("day", ColumnType.DATE),
                    Column.required("cancelled", ColumnType.BOOL)),
            List.of("sale_id", "line_number"),
            "sale_id");

    FakeBigQueryEndpoint endpoint;
    BigQueryTableStore store;

    @BeforeEach
    void start() {
        endpoint = FakeBigQueryEndpoint.start();
        store = new BigQueryTableStore(endpoint.client(), FakeBigQueryEndpoint.LOCATION);
    }

    @AfterEach
    void stop() {
        store.close();
        endpoint.close();
    }

    @Test
    void aNewTableGetsItsDatasetAndClusteredDdlInGoogleSql() {
        assertThat(store.create(LINES)).isTrue();

        assertThat(endpoint.queryTexts())
                .containsExactly("CREATE SCHEMA IF NOT EXISTS s OPTIONS (location = 'EU')", """
                CREATE TABLE IF NOT EXISTS s.lines (
                  sale_id STRING NOT NULL,
                  line_number INT64 NOT NULL,
                  amount NUMERIC NOT NULL,
                  rate BIGNUMERIC,
                  placed_at TIMESTAMP NOT NULL,
                  day DATE,
                  cancelled BOOL NOT NULL
                )
                CLUSTER BY sale_id""");
        assertThat(endpoint.paths()).contains("GET /datasets/s/tables/lines");
        for (JsonObject query : endpoint.queries()) {
            assertThat(query.get("useLegacySql").getAsBoolean()).isFalse();
            assertThat(query.get("location").getAsString()).isEqualTo("EU");
            assertThat(query.getAsJsonObject("labels").get("app").getAsString()).isEqualTo("salesflow");
            assertThat(query.getAsJsonObject("labels").get("operation").getAsString())
                    .isEqualTo("create");
            assertThat(query.has("queryParameters")).isFalse();
        }
    }

    @Test
    void anExistingTableOfTheSameShapeIsKeptAsTheTablesApiReportsIt() {
        // The tables API speaks legacy type names (INTEGER, BOOLEAN) and modes.
        endpoint.table(
                "s",
                "lines",
                List.of(
                        new String[] {"sale_id", "STRING", "REQUIRED"},
                        new String[] {"line_number", "INTEGER", "REQUIRED"},
                        new String[] {"amount", "NUMERIC", "REQUIRED"},
                        new String[] {"rate", "BIGNUMERIC", "NULLABLE"},
                        new String[] {"placed_at", "TIMESTAMP", "REQUIRED"},
                        new String[] {"day", "DATE", "NULLABLE"},
                        new String[] {"cancelled", "BOOLEAN", "REQUIRED"}));

        assertThat(store.create(LINES)).isFalse();
        assertThat(endpoint.queryTexts()).containsExactly("CREATE SCHEMA IF NOT EXISTS s OPTIONS (location = 'EU')");

        endpoint.clear();
        assertThat(store.create(LINES.shadow())).isTrue();
        assertThat(endpoint.queryTexts())
                .singleElement()
                .asString()
                .startsWith("CREATE TABLE IF NOT EXISTS s.lines__rebuild");
    }

    @Test
    void aTableOfAnotherShapeIsDroppedAndBuiltAgain() {
        endpoint.table("s", "lines", List.of(new String[] {"sale_id", "STRING", "REQUIRED"}, new String[] {
            "amount", "NUMERIC", "NULLABLE"
        }));

        assertThat(store.create(LINES)).isTrue();
        assertThat(endpoint.queryTexts()).hasSize(3);
        assertThat(endpoint.queryTexts().get(1)).isEqualTo("DROP TABLE IF EXISTS s.lines");
        assertThat(endpoint.queryTexts().get(2)).startsWith("CREATE TABLE IF NOT EXISTS s.lines (");
    }

    @Test
    void aBatchIsOneTransactionWithRowsAsTypedStructArrays() {
        TableSpec other = new TableSpec("s", "other", LINES.columns(), LINES.key(), LINES.aggregateColumn());
        Map<TableSpec, AggregateRows> changes = new LinkedHashMap<>();
        changes.put(
                LINES,
                new AggregateRows(
                        List.of("s-1", "s-2"),
                        List.of(
                                LINES.row(
                                        "s-1",
                                        1,
                                        new BigDecimal("12.5"),
                                        new BigDecimal("1.0823456789"),
                                        Instant.parse("2026-11-01T10:15:30.123456789Z"),
                                        LocalDate.parse("2026-11-01"),
                                        false),
                                LINES.row("s-1", 2, 3, null, Instant.parse("2026-11-01T10:15:30Z"), null, true))));
        changes.put(other, new AggregateRows(List.of("gone"), List.of()));

        store.replace(changes);

        assertThat(endpoint.queries()).hasSize(1);
        JsonObject request = endpoint.queries().get(0);
        assertThat(request.get("query").getAsString()).isEqualTo("""
                BEGIN TRANSACTION;
                DELETE FROM s.lines
                WHERE sale_id IN UNNEST(@ids_0);
                INSERT INTO s.lines (sale_id, line_number, amount, rate, placed_at, day, cancelled)
                SELECT sale_id, line_number, amount, rate, placed_at, day, cancelled
                FROM UNNEST(@rows_0);
                DELETE FROM s.other
                WHERE sale_id IN UNNEST(@ids_1);
                COMMIT TRANSACTION;""");
        assertThat(request.get("useLegacySql").getAsBoolean()).isFalse();
        assertThat(request.getAsJsonObject("labels").get("operation").getAsString())
                .isEqualTo("replace");

        Map<String, JsonObject> parameters = parameters(request);
        assertThat(parameters).containsOnlyKeys("ids_0", "rows_0", "ids_1");
        assertThat(typeOf(parameters.get("ids_0").getAsJsonObject("parameterType")))
                .isEqualTo("ARRAY<STRING>");
        assertThat(arrayValues(parameters.get("ids_0"))).containsExactly("s-1", "s-2");
        assertThat(arrayValues(parameters.get("ids_1"))).containsExactly("gone");

        JsonObject rows = parameters.get("rows_0");
        // Typed by the columns, in table order, also where a value is NULL.
        assertThat(typeOf(rows.getAsJsonObject("parameterType")))
                .isEqualTo(
                        "ARRAY<STRUCT<sale_id STRING, "
                                + "line_number INT64, amount NUMERIC, rate BIGNUMERIC, placed_at TIMESTAMP, day DATE, cancelled BOOL>>");
        JsonArray values = rows.getAsJsonObject("parameterValue").getAsJsonArray("arrayValues");
        assertThat(values).hasSize(2);
        JsonObject first = values.get(0).getAsJsonObject().getAsJsonObject("structValues");
        assertThat(value(first, "sale_id")).isEqualTo("s-1");
        assertThat(value(first, "line_number")).isEqualTo("1");
        assertThat(value(first, "amount")).isEqualTo("12.50");
        assertThat(value(first, "rate")).isEqualTo("1.0823456789");
        // BigQuery keeps microseconds: the nanoseconds are cut here, as DuckDB cuts them.
        assertThat(value(first, "placed_at")).isEqualTo("2026-11-01 10:15:30.123456+00:00");
        assertThat(value(first, "day")).isEqualTo("2026-11-01");
        assertThat(value(first, "cancelled")).isEqualTo("false");
        JsonObject second = values.get(1).getAsJsonObject().getAsJsonObject("structValues");
        assertThat(value(second, "amount")).isEqualTo("3.00");
        assertThat(value(second, "rate")).isNull();
        assertThat(value(second, "day")).isNull();
        assertThat(value(second, "cancelled")).isEqualTo("true");
    }

    @Test
    void aBatchOfSaleLinesStaysFarBelowTheTenMegabyteRequestLimit() {
        // 1,500 lines: a 500-event batch of sale placements with three lines each.
        List<Object[]> lines = new ArrayList<>();
        List<String> sales = new ArrayList<>();
        for (int sale = 0; sale < 500; sale++) {
            sales.add("sale-" + sale);
            for (int line = 1; line <= 3; line++) {
                lines.add(BigQueryStatementsAnalysisTest.sampleRow(ReadModelTables.SALE_LINES, "sale-" + sale, line));
            }
        }
        store.replace(Map.of(ReadModelTables.SALE_LINES, new AggregateRows(sales, lines)));

        int bytes = endpoint.queries().get(0).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        System.out.printf("jobs.query request for 1,500 sale lines: %,d bytes of JSON%n", bytes);
        assertThat(bytes).isLessThan(10 * 1024 * 1024 / 2);
    }

    @Test
    void aBatchTooLargeForOneRequestGoesInPartsOfWholeAggregates() {
        BigQueryTableStore small = new BigQueryTableStore(endpoint.client(), FakeBigQueryEndpoint.LOCATION, 3);
        List<Object[]> lines = List.of(line("a", 1), line("a", 2), line("b", 1), line("b", 2), line("c", 1));

        small.replace(Map.of(LINES, new AggregateRows(List.of("a", "b", "c", "d"), lines)));

        assertThat(endpoint.queries()).hasSize(2);
        assertThat(arrayValues(parameters(endpoint.queries().get(0)).get("ids_0")))
                .containsExactly("a");
        assertThat(arrayValues(parameters(endpoint.queries().get(1)).get("ids_0")))
                .containsExactly("b", "c", "d");
        assertThat(parameters(endpoint.queries().get(1))
                        .get("rows_0")
                        .getAsJsonObject("parameterValue")
                        .getAsJsonArray("arrayValues"))
                .hasSize(3);
    }

    @Test
    void aBatchWithNothingToDoSendsNothing() {
        store.replace(Map.of());
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void rowsReadBackEqualTheRowsWritten() {
        Object[] written = LINES.row(
                "s-1",
                1,
                new BigDecimal("12.5"),
                new BigDecimal("1.0823456789"),
                Instant.parse("2026-11-01T10:15:30.123456Z"),
                LocalDate.parse("2026-11-01"),
                false);
        Object[] withNulls =
                LINES.row("s-1", 2, new BigDecimal("3"), null, Instant.parse("2026-11-01T10:15:30Z"), null, true);
        // BigQuery answers NUMERIC without trailing zeros and TIMESTAMP in seconds (or micros, if asked).
        endpoint.answerRows(
                sql -> sql.startsWith("SELECT sale_id"),
                List.of(
                        new ResultColumn("sale_id", "STRING"),
                        new ResultColumn("line_number", "INTEGER"),
                        new ResultColumn("amount", "NUMERIC"),
                        new ResultColumn("rate", "BIGNUMERIC"),
                        new ResultColumn("placed_at", "TIMESTAMP"),
                        new ResultColumn("day", "DATE"),
                        new ResultColumn("cancelled", "BOOLEAN")),
                List.of(
                        Arrays.asList(
                                "s-1",
                                1L,
                                "12.5",
                                "1.0823456789",
                                Instant.parse("2026-11-01T10:15:30.123456Z"),
                                "2026-11-01",
                                false),
                        Arrays.asList("s-1", 2L, "3", null, Instant.parse("2026-11-01T10:15:30Z"), null, true)));

        List<Object[]> read = store.rowsOf(LINES, "s-1");

        assertThat(read).hasSize(2);
        assertThat(read.get(0)).containsExactly(written);
        assertThat(read.get(1)).containsExactly(withNulls);
        JsonObject request = endpoint.queries().get(0);
        assertThat(request.get("query").getAsString())
                .isEqualTo(
                        "SELECT sale_id, line_number, amount, rate, placed_at, day, cancelled\nFROM s.lines\nWHERE sale_id = @aggregate_id");
        Map<String, JsonObject> parameters = parameters(request);
        assertThat(typeOf(parameters.get("aggregate_id").getAsJsonObject("parameterType")))
                .isEqualTo("STRING");
        assertThat(parameters
                        .get("aggregate_id")
                        .getAsJsonObject("parameterValue")
                        .get("value")
                        .getAsString())
                .isEqualTo("s-1");
    }

    @Test
    void switchingOverCopiesEachShadowOverItsLiveTableThenDropsIt() {
        TableSpec other = new TableSpec("s", "other", LINES.columns(), LINES.key(), LINES.aggregateColumn());

        store.switchOver(List.of(LINES, other));

        assertThat(endpoint.queryTexts())
                .containsExactly(
                        "CREATE OR REPLACE TABLE s.lines\nCOPY s.lines__rebuild",
                        "DROP TABLE IF EXISTS s.lines__rebuild",
                        "CREATE OR REPLACE TABLE s.other\nCOPY s.other__rebuild",
                        "DROP TABLE IF EXISTS s.other__rebuild");
        // DDL and scripts come back without a schema: the client then reads the job and its results.
        assertThat(endpoint.paths()).contains("GET /jobs/job_1", "GET /queries/job_1");
    }

    @Test
    void aChecksumIsTheRowCountAndTheFingerprintSum() {
        endpoint.answerRows(
                sql -> sql.startsWith("SELECT COUNT(*)"),
                List.of(new ResultColumn("row_count", "INTEGER"), new ResultColumn("fingerprint", "STRING")),
                List.of(List.of(2L, "-1234567890123456789")));

        TableChecksum checksum = store.checksum(LINES);

        assertThat(checksum).isEqualTo(new TableChecksum("s.lines", 2, "-1234567890123456789"));
        assertThat(endpoint.queryTexts().get(0))
                .isEqualTo("SELECT COUNT(*) AS row_count,\n"
                        + "  CAST(COALESCE(SUM(CAST(FARM_FINGERPRINT(TO_JSON_STRING(STRUCT(sale_id, line_number, amount, rate, "
                        + "placed_at, day, cancelled))) AS BIGNUMERIC)), 0) AS STRING) AS fingerprint\nFROM s.lines");
    }

    @Test
    void aRefusedStatementFailsWithBigQuerysReasonAndWhatToCheck() {
        endpoint.failQueries(
                sql -> sql.startsWith("BEGIN TRANSACTION"),
                400,
                "invalidQuery",
                "Transaction is aborted due to concurrent update against table p.s.lines");

        assertThatThrownBy(() -> store.replace(Map.of(LINES, new AggregateRows(List.of("s-1"), List.of()))))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("replace (BEGIN TRANSACTION; …)")
                .hasMessageContaining("concurrent update")
                .hasMessageContaining("invalidQuery");
    }

    @Test
    void aColumnWithMoreDecimalsThanBigQueryKeepsIsRefusedByName() {
        TableSpec tooFine = new TableSpec(
                "s",
                "t",
                List.of(Column.required("id", ColumnType.STRING), Column.decimal("x", 39, true)),
                List.of("id"),
                "id");
        assertThatThrownBy(() -> store.create(tooFine))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column x has scale 39");
    }

    private static Object[] line(String sale, int number) {
        return LINES.row(sale, number, BigDecimal.ONE, null, Instant.parse("2026-11-01T00:00:00Z"), null, false);
    }

    static Map<String, JsonObject> parameters(JsonObject request) {
        Map<String, JsonObject> parameters = new LinkedHashMap<>();
        for (JsonElement parameter : request.getAsJsonArray("queryParameters")) {
            parameters.put(parameter.getAsJsonObject().get("name").getAsString(), parameter.getAsJsonObject());
        }
        return parameters;
    }

    /** A REST QueryParameterType in GoogleSQL notation. */
    static String typeOf(JsonObject type) {
        String name = type.get("type").getAsString();
        if (name.equals("ARRAY")) {
            return "ARRAY<" + typeOf(type.getAsJsonObject("arrayType")) + ">";
        }
        if (name.equals("STRUCT")) {
            List<String> fields = new ArrayList<>();
            for (JsonElement field : type.getAsJsonArray("structTypes")) {
                fields.add(field.getAsJsonObject().get("name").getAsString() + " "
                        + typeOf(field.getAsJsonObject().getAsJsonObject("type")));
            }
            return "STRUCT<" + String.join(", ", fields) + ">";
        }
        return name;
    }

    private static List<String> arrayValues(JsonObject parameter) {
        List<String> values = new ArrayList<>();
        for (JsonElement value : parameter.getAsJsonObject("parameterValue").getAsJsonArray("arrayValues")) {
            values.add(value.getAsJsonObject().get("value").getAsString());
        }
        return values;
    }

    private static String value(JsonObject struct, String field) {
        JsonObject value = struct.getAsJsonObject(field);
        return value == null || !value.has("value") || value.get("value").isJsonNull()
                ? null
                : value.get("value").getAsString();
    }
}
