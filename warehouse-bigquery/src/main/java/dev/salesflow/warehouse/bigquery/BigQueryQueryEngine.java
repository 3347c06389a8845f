package dev.salesflow.warehouse.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldList;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.LegacySQLTypeName;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableDefinition;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableResult;
import dev.salesflow.warehouse.WarehouseException;
import dev.salesflow.warehouse.engine.QueryEngine;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link QueryEngine} on BigQuery through the official client: every statement is a GoogleSQL query
 * job (jobs.query) in the configured location, values are positional query parameters, and tables
 * are looked up with tables.get. Labels name the component, so that the jobs of the gold runs and of
 * the dashboard can be told apart in billing exports and {@code INFORMATION_SCHEMA.JOBS}.
 */
public final class BigQueryQueryEngine implements QueryEngine {

    private final BigQuery bigquery;
    private final String location;
    private final String component;

    /**
     * @param location  where the datasets are and jobs run (e.g. {@code europe-west1}); null: the client's
     * @param component the {@code component} label of the jobs, e.g. {@code gold} or {@code dashboard}
     */
    public BigQueryQueryEngine(BigQuery bigquery, String location, String component) {
        this.bigquery = bigquery;
        this.location = location;
        this.component = component;
    }

    @Override
    public Kind kind() {
        return Kind.BIGQUERY;
    }

    @Override
    public void execute(String sql) {
        run(sql, List.of());
    }

    /** One script: {@code BEGIN TRANSACTION; …; COMMIT TRANSACTION;} (BigQuery rolls back on an error). */
    @Override
    public void executeAtomically(List<String> statements) {
        StringBuilder script = new StringBuilder("begin transaction;\n");
        for (String statement : statements) {
            script.append(statement).append(";\n");
        }
        run(script.append("commit transaction;").toString(), List.of());
    }

    @Override
    public <T> List<T> query(String sql, List<?> parameters, RowReader<T> reader) {
        TableResult result = run(sql, parameters);
        FieldList fields =
                result.getSchema() == null ? FieldList.of() : result.getSchema().getFields();
        List<T> rows = new ArrayList<>();
        for (FieldValueList values : result.iterateAll()) {
            rows.add(reader.read(new ResultRow(fields, values)));
        }
        return rows;
    }

    @Override
    public boolean tableExists(String schema, String table) {
        return table(schema, table) != null;
    }

    @Override
    public TableType tableType(String schema, String table) {
        Table found = table(schema, table);
        if (found == null) {
            return null;
        }
        TableDefinition.Type type = found.getDefinition().getType();
        return TableDefinition.Type.VIEW.equals(type) || TableDefinition.Type.MATERIALIZED_VIEW.equals(type)
                ? TableType.VIEW
                : TableType.TABLE;
    }

    @Override
    public List<String> columns(String schema, String table) {
        Table found = table(schema, table);
        if (found == null || found.getDefinition().getSchema() == null) {
            return List.of();
        }
        return found.getDefinition().getSchema().getFields().stream()
                .map(field -> field.getName() + " " + field.getType().getStandardType())
                .toList();
    }

    private Table table(String schema, String table) {
        try {
            return bigquery.getTable(TableId.of(schema, table));
        } catch (BigQueryException e) {
            throw refused("reading table " + schema + "." + table, e);
        }
    }

    private TableResult run(String sql, List<?> parameters) {
        QueryJobConfiguration.Builder query = QueryJobConfiguration.newBuilder(sql)
                .setUseLegacySql(false)
                .setLabels(Map.of("app", "salesflow", "component", component));
        for (Object value : parameters) {
            query.addPositionalParameter(parameter(value));
        }
        try {
            return bigquery.query(query.build());
        } catch (BigQueryException e) {
            throw refused(firstLine(sql), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("Interrupted while waiting for BigQuery: " + firstLine(sql), e);
        }
    }

    static QueryParameterValue parameter(Object value) {
        if (value instanceof String text) {
            return QueryParameterValue.string(text);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return QueryParameterValue.int64(((Number) value).longValue());
        }
        if (value instanceof BigDecimal decimal) {
            return QueryParameterValue.numeric(decimal);
        }
        if (value instanceof Boolean bool) {
            return QueryParameterValue.bool(bool);
        }
        if (value instanceof LocalDate day) {
            return QueryParameterValue.date(day.toString());
        }
        if (value instanceof Double number) {
            return QueryParameterValue.float64(number);
        }
        throw new IllegalArgumentException("no BigQuery parameter type for " + value + " ("
                + (value == null ? "null" : value.getClass().getName()) + ")");
    }

    private WarehouseException refused(String what, BigQueryException e) {
        return new WarehouseException(
                "BigQuery refused " + what + ": " + e.getMessage()
                        + (e.getError() == null ? "" : " [" + e.getError().getReason() + "]")
                        + "; check the datasets' location (" + (location == null ? "the client's default" : location)
                        + "), the credentials' roles (BigQuery Data Editor on the datasets, Job User on the project)"
                        + " and quotas",
                e);
    }

    private static String firstLine(String sql) {
        String text = sql.strip();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end) + " …";
    }

    /** A result row with values made plain as {@link QueryEngine.Row} promises. */
    private record ResultRow(FieldList fields, FieldValueList values) implements Row {

        @Override
        public int columnCount() {
            return fields.size();
        }

        @Override
        public String label(int column) {
            return fields.get(column - 1).getName();
        }

        @Override
        public Object value(int column) {
            return plain(fields.get(column - 1), values.get(column - 1));
        }
    }

    static Object plain(Field field, FieldValue value) {
        if (value == null || value.isNull()) {
            return null;
        }
        LegacySQLTypeName type = field.getType();
        if (LegacySQLTypeName.INTEGER.equals(type)) {
            return value.getLongValue();
        }
        if (LegacySQLTypeName.FLOAT.equals(type)) {
            return value.getDoubleValue();
        }
        if (LegacySQLTypeName.NUMERIC.equals(type) || LegacySQLTypeName.BIGNUMERIC.equals(type)) {
            return value.getNumericValue();
        }
        if (LegacySQLTypeName.BOOLEAN.equals(type)) {
            return value.getBooleanValue();
        }
        if (LegacySQLTypeName.DATE.equals(type)) {
            return LocalDate.parse(value.getStringValue());
        }
        if (LegacySQLTypeName.TIMESTAMP.equals(type)) {
            return LocalDateTime.ofInstant(value.getTimestampInstant(), ZoneOffset.UTC);
        }
        if (LegacySQLTypeName.DATETIME.equals(type)) {
            return LocalDateTime.parse(value.getStringValue());
        }
        return value.getValue() instanceof String text ? text : value.getValue();
    }
}
