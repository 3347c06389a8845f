package dev.salesflow.warehouse.engine;

import dev.salesflow.warehouse.Warehouse;
import dev.salesflow.warehouse.WarehouseException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** {@link QueryEngine} on the local DuckDB warehouse, over JDBC sessions of its shared connection. */
public final class DuckDbQueryEngine implements QueryEngine {

    private final Warehouse warehouse;

    public DuckDbQueryEngine(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public Kind kind() {
        return Kind.DUCKDB;
    }

    @Override
    public void execute(String sql) {
        warehouse.execute(sql);
    }

    @Override
    public void executeAtomically(List<String> statements) {
        try (Connection connection = warehouse.connect();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                for (String sql : statements) {
                    statement.execute(sql);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new WarehouseException(
                    "Transaction failed on DuckDB: " + e.getMessage() + "\n" + String.join(";\n", statements), e);
        }
    }

    @Override
    public <T> List<T> query(String sql, List<?> parameters, RowReader<T> reader) {
        try (Connection connection = warehouse.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                statement.setObject(i + 1, value instanceof LocalDate day ? java.sql.Date.valueOf(day) : value);
            }
            try (ResultSet rows = statement.executeQuery()) {
                JdbcRow row = new JdbcRow(rows, rows.getMetaData());
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(reader.read(row));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new WarehouseException("Query failed on DuckDB: " + e.getMessage() + "\n" + sql, e);
        }
    }

    @Override
    public boolean tableExists(String schema, String table) {
        return warehouse.tableExists(schema, table);
    }

    @Override
    public TableType tableType(String schema, String table) {
        List<String> types = query(
                "select table_type from information_schema.tables where table_schema = ? and table_name = ?",
                List.of(schema, table),
                row -> row.getString(1));
        if (types.isEmpty()) {
            return null;
        }
        return "VIEW".equals(types.get(0)) ? TableType.VIEW : TableType.TABLE;
    }

    @Override
    public List<String> columns(String schema, String table) {
        return query(
                "select column_name, data_type from information_schema.columns where table_schema = ? and"
                        + " table_name = ? order by ordinal_position",
                List.of(schema, table),
                row -> row.getString(1) + " " + row.getString(2));
    }

    /** The current row of a JDBC result, values made plain (timestamps as UTC wall time). */
    private record JdbcRow(ResultSet rows, ResultSetMetaData meta) implements Row {

        @Override
        public int columnCount() {
            try {
                return meta.getColumnCount();
            } catch (SQLException e) {
                throw new WarehouseException("Cannot read the result's columns: " + e.getMessage(), e);
            }
        }

        @Override
        public String label(int column) {
            try {
                return meta.getColumnLabel(column);
            } catch (SQLException e) {
                throw new WarehouseException("Cannot read the result's columns: " + e.getMessage(), e);
            }
        }

        @Override
        public Object value(int column) {
            try {
                Object value = meta.getColumnType(column) == Types.TIMESTAMP
                        ? rows.getObject(column, LocalDateTime.class)
                        : rows.getObject(column);
                return plain(value);
            } catch (SQLException e) {
                throw new WarehouseException("Cannot read column " + column + ": " + e.getMessage(), e);
            }
        }

        @Override
        public long getLong(int column) {
            try {
                return rows.getLong(column);
            } catch (SQLException e) {
                throw new WarehouseException("Cannot read column " + column + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String getString(int column) {
            try {
                return rows.getString(column);
            } catch (SQLException e) {
                throw new WarehouseException("Cannot read column " + column + ": " + e.getMessage(), e);
            }
        }
    }

    static Object plain(Object value) {
        if (value instanceof BigInteger big) {
            return big.longValueExact();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof java.sql.Date day) {
            return day.toLocalDate();
        }
        if (value instanceof Timestamp time) {
            // DuckDB TIMESTAMP columns hold UTC wall time: never read them in the JVM's zone.
            return time.toLocalDateTime();
        }
        return value;
    }
}
