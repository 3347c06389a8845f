package dev.salesflow.warehouse.bigquery;

import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.TableSpec;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The GoogleSQL text {@link BigQueryTableStore} sends, rendered from a {@link TableSpec}. Pure
 * functions, so tests can analyse exactly these strings with ZetaSQL. Names are plain identifiers
 * ({@code dataset.table}, checked here), never quoted user input; values always travel as query
 * parameters.
 */
public final class BigQuerySql {

    /** NUMERIC keeps 9 decimals; a column with more gets BIGNUMERIC (38). */
    static final int NUMERIC_MAX_SCALE = 9;

    static final int BIGNUMERIC_MAX_SCALE = 38;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,299}");

    private BigQuerySql() {}

    /** The dataset of a table; made where missing, in the store's location (null: BigQuery's default, US). */
    public static String createDataset(String dataset, String location) {
        return "CREATE SCHEMA IF NOT EXISTS " + identifier(dataset)
                + (location == null ? "" : " OPTIONS (location = '" + checkedLocation(location) + "')");
    }

    /**
     * {@code CREATE TABLE IF NOT EXISTS}, clustered by the aggregate column: every read and delete of
     * the store filters on it, so BigQuery prunes the blocks of other aggregates.
     */
    public static String createTable(TableSpec table) {
        String columns = table.columns().stream()
                .map(column ->
                        "  " + identifier(column.name()) + " " + type(column) + (column.nullable() ? "" : " NOT NULL"))
                .collect(Collectors.joining(",\n"));
        return "CREATE TABLE IF NOT EXISTS " + name(table) + " (\n" + columns + "\n)\nCLUSTER BY "
                + identifier(table.aggregateColumn());
    }

    public static String dropTable(TableSpec table) {
        return "DROP TABLE IF EXISTS " + name(table);
    }

    /** The rows of one aggregate; parameter {@code @aggregate_id} (STRING). */
    public static String rowsOf(TableSpec table) {
        return "SELECT " + columnList(table) + "\nFROM " + name(table) + "\nWHERE "
                + identifier(table.aggregateColumn()) + " = @aggregate_id";
    }

    /** Deletes the rows of the aggregates in {@code @<idsParameter>} (ARRAY&lt;STRING&gt;). */
    public static String deleteAggregates(TableSpec table, String idsParameter) {
        return "DELETE FROM " + name(table) + "\nWHERE " + identifier(table.aggregateColumn()) + " IN UNNEST(@"
                + identifier(idsParameter) + ")";
    }

    /** Inserts the rows in {@code @<rowsParameter>} (ARRAY&lt;STRUCT&lt;one field per column&gt;&gt;). */
    public static String insertRows(TableSpec table, String rowsParameter) {
        return "INSERT INTO " + name(table) + " (" + columnList(table) + ")\nSELECT " + columnList(table)
                + "\nFROM UNNEST(@" + identifier(rowsParameter) + ")";
    }

    /**
     * One multi-statement transaction: all or none of the statements take effect. If a statement
     * fails, the script fails and BigQuery rolls back the open transaction.
     */
    public static String transaction(List<String> statements) {
        return "BEGIN TRANSACTION;\n" + statements.stream().map(s -> s + ";\n").collect(Collectors.joining())
                + "COMMIT TRANSACTION;";
    }

    /**
     * The live table becomes a copy of its shadow in one DDL statement (atomic for that table; readers
     * never find it missing), then the shadow goes.
     */
    public static String replaceByCopy(TableSpec live, TableSpec shadow) {
        return "CREATE OR REPLACE TABLE " + name(live) + "\nCOPY " + name(shadow);
    }

    /**
     * Row count and an order-independent fingerprint: the sum of a 64-bit FARM_FINGERPRINT of each
     * row's JSON (columns in spec order), summed as BIGNUMERIC so it neither overflows nor lets two
     * equal rows cancel out as XOR would. Not comparable with the DuckDB store's hash.
     */
    public static String checksum(TableSpec table) {
        return "SELECT COUNT(*) AS row_count,\n  CAST(COALESCE(SUM(CAST(FARM_FINGERPRINT(TO_JSON_STRING(STRUCT("
                + columnList(table) + "))) AS BIGNUMERIC)), 0) AS STRING) AS fingerprint\nFROM " + name(table);
    }

    /** Rows that share their key with an earlier row: 0 when every key is unique. */
    public static String duplicateKeys(TableSpec table) {
        return "SELECT COUNT(*) - COUNT(DISTINCT TO_JSON_STRING(STRUCT(" + String.join(", ", table.key())
                + "))) AS duplicate_keys\nFROM " + name(table);
    }

    /** The BigQuery type of a column (the one the tables API reports, too). */
    public static String type(Column column) {
        return switch (column.type()) {
            case STRING -> "STRING";
            case INT64 -> "INT64";
            case DECIMAL -> decimalType(column);
            case TIMESTAMP -> "TIMESTAMP";
            case DATE -> "DATE";
            case BOOL -> "BOOL";
        };
    }

    static String decimalType(Column column) {
        if (column.scale() < 0 || column.scale() > BIGNUMERIC_MAX_SCALE) {
            throw new IllegalArgumentException("column " + column.name() + " has scale " + column.scale()
                    + "; BigQuery keeps at most " + BIGNUMERIC_MAX_SCALE + " decimals (BIGNUMERIC)");
        }
        return column.scale() <= NUMERIC_MAX_SCALE ? "NUMERIC" : "BIGNUMERIC";
    }

    static String name(TableSpec table) {
        return identifier(table.schema()) + "." + identifier(table.name());
    }

    static String columnList(TableSpec table) {
        return table.columnNames().stream().map(BigQuerySql::identifier).collect(Collectors.joining(", "));
    }

    static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a plain BigQuery identifier (letters, digits, "
                    + "underscores; not starting with a digit)");
        }
        return name;
    }

    private static String checkedLocation(String location) {
        if (!location.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException(
                    "'" + location + "' is not a BigQuery location such as EU or europe-west1");
        }
        return location;
    }
}
