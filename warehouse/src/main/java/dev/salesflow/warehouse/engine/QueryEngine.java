package dev.salesflow.warehouse.engine;

import java.util.List;

/**
 * The small, warehouse-neutral port through which the gold orchestrator builds its models and the
 * dashboard reads them: DuckDB locally ({@link DuckDbQueryEngine}), BigQuery in the gcp mode
 * ({@code warehouse-bigquery}'s {@code BigQueryQueryEngine}). SQL passed here is in the engine's
 * dialect ({@link #kind()}); values travel as positional {@code ?} parameters, which both engines
 * accept. Which engine runs is configuration ({@code salesflow.warehouse.kind}).
 */
public interface QueryEngine {

    /** The SQL dialect the engine speaks; the gold templates' {@code target.type}. */
    enum Kind {
        DUCKDB,
        BIGQUERY
    }

    /** A table, a view, or nothing. */
    enum TableType {
        TABLE,
        VIEW
    }

    Kind kind();

    /** One statement (DDL or DML). */
    void execute(String sql);

    /**
     * Statements that take effect together or not at all (DuckDB: one JDBC transaction; BigQuery:
     * one multi-statement transaction). DML only: BigQuery refuses DDL inside a transaction.
     */
    void executeAtomically(List<String> statements);

    /** Rows of a query with positional {@code ?} parameters (String, Long, Integer, BigDecimal, Boolean, LocalDate). */
    <T> List<T> query(String sql, List<?> parameters, RowReader<T> reader);

    default <T> List<T> query(String sql, RowReader<T> reader) {
        return query(sql, List.of(), reader);
    }

    boolean tableExists(String schema, String table);

    /** Null when there is no such table or view. */
    TableType tableType(String schema, String table);

    /** {@code "name TYPE"} per column in order, types as the engine names them; empty when absent. */
    List<String> columns(String schema, String table);

    @FunctionalInterface
    interface RowReader<T> {
        T read(Row row);
    }

    /**
     * One result row, columns numbered from 1. {@link #value} gives plain Java values whichever the
     * engine: String, Long, Double, BigDecimal, Boolean, LocalDate, and LocalDateTime for timestamps
     * (UTC wall time), null for NULL.
     */
    interface Row {
        int columnCount();

        String label(int column);

        Object value(int column);

        default String getString(int column) {
            Object value = value(column);
            return value == null ? null : value.toString();
        }

        /** 0 for NULL, as JDBC does. */
        default long getLong(int column) {
            Object value = value(column);
            return value == null ? 0L : ((Number) value).longValue();
        }

        /** The value as {@code type}; a timestamp with a zone is turned into UTC wall time when asked for LocalDateTime. */
        default <T> T getObject(int column, Class<T> type) {
            Object value = value(column);
            if (type == java.time.LocalDateTime.class && value instanceof java.time.OffsetDateTime time) {
                value = time.withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime();
            }
            return type.cast(value);
        }
    }
}
