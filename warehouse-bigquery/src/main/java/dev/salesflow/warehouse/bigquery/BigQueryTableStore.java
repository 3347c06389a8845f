package dev.salesflow.warehouse.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableResult;
import dev.salesflow.warehouse.WarehouseException;
import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.TableSpec;
import dev.salesflow.warehouse.table.TableStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TableStore} on BigQuery, through the official client's query API (GoogleSQL, never legacy
 * SQL). Every value travels as a typed query parameter; statements come from {@link BigQuerySql}.
 *
 * <ul>
 * <li>{@link #replace}: one multi-statement transaction per batch ({@code DELETE … IN UNNEST(@ids)}
 * and {@code INSERT … FROM UNNEST(@rows)} per table), so a batch is atomic across all its tables
 * (a batch too large for one request is split, see there).</li>
 * <li>{@link #switchOver}: BigQuery DDL is not transactional. Each live table is replaced by a copy
 * of its shadow in one {@code CREATE OR REPLACE TABLE … COPY}: atomic per table, not across tables;
 * between two tables a reader can see one rebuilt and the other not yet.</li>
 * <li>{@link #checksum}: a fingerprint of its own, not comparable with the DuckDB store's.</li>
 * </ul>
 *
 * <p>Datasets are created where missing ({@code CREATE SCHEMA IF NOT EXISTS}) in the store's
 * location, as the DuckDB store creates schemas; a team that manages datasets elsewhere simply
 * has them already.
 */
public final class BigQueryTableStore implements TableStore {

    private static final Logger LOG = LoggerFactory.getLogger(BigQueryTableStore.class);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    /**
     * Rows one jobs.query request carries at most: a sale line is ~1 KB of parameter JSON and BigQuery
     * takes requests up to 10 MB.
     */
    static final int MAX_ROWS_PER_REQUEST = 4_000;

    private final BigQuery bigquery;
    private final String location;
    private final int maxRowsPerRequest;
    private final Set<String> datasetsEnsured = new HashSet<>();

    /** @param location the datasets' location (e.g. {@code EU}); null for BigQuery's default */
    public BigQueryTableStore(BigQuery bigquery, String location) {
        this(bigquery, location, MAX_ROWS_PER_REQUEST);
    }

    BigQueryTableStore(BigQuery bigquery, String location, int maxRowsPerRequest) {
        this.bigquery = bigquery;
        this.location = location;
        this.maxRowsPerRequest = maxRowsPerRequest;
    }

    @Override
    public synchronized boolean create(TableSpec table) {
        String ddl = BigQuerySql.createTable(table); // refuses a spec BigQuery cannot hold before anything is sent
        if (datasetsEnsured.add(table.schema())) {
            run("create", BigQuerySql.createDataset(table.schema(), location), Map.of());
        }
        Table existing = call(
                "reading the schema of " + table.qualifiedName(),
                () -> bigquery.getTable(TableId.of(table.schema(), table.name())));
        if (existing != null) {
            List<String> found = describe(
                    existing.getDefinition().getSchema() == null
                            ? List.of()
                            : existing.getDefinition().getSchema().getFields());
            List<String> wanted = describe(table);
            if (found.equals(wanted)) {
                return false;
            }
            LOG.warn(
                    "{} has columns {}, this version writes {}: dropping it to build it again",
                    table.qualifiedName(),
                    found,
                    wanted);
            run("create", BigQuerySql.dropTable(table), Map.of());
        }
        run("create", ddl, Map.of());
        return true;
    }

    /** "name TYPE MODE" per column, as the tables API reports them (mode NULLABLE when absent). */
    static List<String> describe(List<Field> fields) {
        return fields.stream()
                .map(field -> field.getName() + " " + field.getType().getStandardType() + " "
                        + (field.getMode() == null ? Field.Mode.NULLABLE : field.getMode()))
                .toList();
    }

    static List<String> describe(TableSpec table) {
        return table.columns().stream()
                .map(column -> column.name() + " " + BigQuerySql.type(column) + " "
                        + (column.nullable() ? Field.Mode.NULLABLE : Field.Mode.REQUIRED))
                .toList();
    }

    @Override
    public synchronized void drop(TableSpec table) {
        run("drop", BigQuerySql.dropTable(table), Map.of());
    }

    @Override
    public synchronized List<Object[]> rowsOf(TableSpec table, String aggregateId) {
        TableResult result = run(
                "rows-of", BigQuerySql.rowsOf(table), Map.of("aggregate_id", QueryParameterValue.string(aggregateId)));
        List<Object[]> rows = new ArrayList<>();
        for (FieldValueList values : result.iterateAll()) {
            Object[] row = new Object[table.columns().size()];
            for (int i = 0; i < row.length; i++) {
                Column column = table.columns().get(i);
                row[i] = column.normalise(read(column, values.get(i)));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object read(Column column, FieldValue value) {
        if (value.isNull()) {
            return null;
        }
        return switch (column.type()) {
            case STRING -> value.getStringValue();
            case INT64 -> value.getLongValue();
            case DECIMAL -> value.getNumericValue();
            case TIMESTAMP -> value.getTimestampInstant();
            case DATE -> LocalDate.parse(value.getStringValue());
            case BOOL -> value.getBooleanValue();
        };
    }

    /**
     * One transaction for the whole batch. A batch too large for one request (more than
     * {@value #MAX_ROWS_PER_REQUEST} rows) goes as several transactions, each replacing whole aggregates
     * of one table: every aggregate stays consistent, but a reader may see part of the batch before
     * the rest, and a failure leaves the batch partly written until its retry replaces the same rows again.
     */
    @Override
    public synchronized void replace(Map<TableSpec, AggregateRows> changes) {
        int rows = changes.values().stream()
                .mapToInt(change -> change.rows().size())
                .sum();
        if (rows <= maxRowsPerRequest) {
            replaceInOneTransaction(changes);
            return;
        }
        LOG.info(
                "A batch of {} rows is more than one request carries ({}): written in parts of whole aggregates",
                rows,
                maxRowsPerRequest);
        for (Map.Entry<TableSpec, AggregateRows> change : changes.entrySet()) {
            for (AggregateRows part : parts(change.getKey(), change.getValue(), maxRowsPerRequest)) {
                replaceInOneTransaction(Map.of(change.getKey(), part));
            }
        }
    }

    /** Whole aggregates at a time, up to {@code maxRows} rows a part (an aggregate with more rows goes alone). */
    static List<AggregateRows> parts(TableSpec table, AggregateRows change, int maxRows) {
        Map<String, List<Object[]>> byAggregate = new LinkedHashMap<>();
        for (String id : change.aggregateIds()) {
            byAggregate.put(id, new ArrayList<>());
        }
        int aggregate = table.aggregateIndex();
        for (Object[] row : change.rows()) {
            List<Object[]> rows = byAggregate.get((String) row[aggregate]);
            if (rows == null) {
                throw new IllegalArgumentException("a row of " + table.qualifiedName() + " belongs to aggregate "
                        + row[aggregate] + ", which the batch does not list");
            }
            rows.add(row);
        }
        List<AggregateRows> parts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, List<Object[]>> entry : byAggregate.entrySet()) {
            if (!ids.isEmpty() && rows.size() + entry.getValue().size() > maxRows) {
                parts.add(new AggregateRows(ids, rows));
                ids = new ArrayList<>();
                rows = new ArrayList<>();
            }
            ids.add(entry.getKey());
            rows.addAll(entry.getValue());
        }
        if (!ids.isEmpty()) {
            parts.add(new AggregateRows(ids, rows));
        }
        return parts;
    }

    private void replaceInOneTransaction(Map<TableSpec, AggregateRows> changes) {
        List<String> statements = new ArrayList<>();
        Map<String, QueryParameterValue> parameters = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<TableSpec, AggregateRows> change : changes.entrySet()) {
            TableSpec table = change.getKey();
            AggregateRows rows = change.getValue();
            if (!rows.aggregateIds().isEmpty()) {
                String ids = "ids_" + index;
                statements.add(BigQuerySql.deleteAggregates(table, ids));
                parameters.put(
                        ids,
                        QueryParameterValue.array(
                                rows.aggregateIds().toArray(String[]::new), StandardSQLTypeName.STRING));
            }
            if (!rows.rows().isEmpty()) {
                String rowsParameter = "rows_" + index;
                statements.add(BigQuerySql.insertRows(table, rowsParameter));
                parameters.put(rowsParameter, rowsParameter(table, rows.rows()));
            }
            index++;
        }
        if (statements.isEmpty()) {
            return;
        }
        run("replace", BigQuerySql.transaction(statements), parameters);
    }

    /** ARRAY&lt;STRUCT&lt;…&gt;&gt; with one field per column, typed by the column (not by the value). */
    static QueryParameterValue rowsParameter(TableSpec table, List<Object[]> rows) {
        QueryParameterValue[] structs = new QueryParameterValue[rows.size()];
        for (int r = 0; r < structs.length; r++) {
            Object[] row = rows.get(r);
            if (row.length != table.columns().size()) {
                throw new IllegalArgumentException("table " + table.qualifiedName() + " has "
                        + table.columns().size() + " columns, a row has " + row.length);
            }
            Map<String, QueryParameterValue> fields = new LinkedHashMap<>();
            for (int i = 0; i < row.length; i++) {
                Column column = table.columns().get(i);
                fields.put(column.name(), value(column, column.normalise(row[i])));
            }
            structs[r] = QueryParameterValue.struct(fields);
        }
        return QueryParameterValue.array(structs, StandardSQLTypeName.STRUCT);
    }

    static QueryParameterValue value(Column column, Object value) {
        return switch (column.type()) {
            case STRING -> QueryParameterValue.string((String) value);
            case INT64 -> QueryParameterValue.int64((Long) value);
            case DECIMAL ->
                BigQuerySql.decimalType(column).equals("NUMERIC")
                        ? QueryParameterValue.numeric((BigDecimal) value)
                        : QueryParameterValue.bigNumeric((BigDecimal) value);
            // BigQuery keeps microseconds, as DuckDB does.
            case TIMESTAMP ->
                QueryParameterValue.timestamp(
                        value == null ? null : TIMESTAMP.format(((Instant) value).truncatedTo(ChronoUnit.MICROS)));
            case DATE -> QueryParameterValue.date(value == null ? null : value.toString());
            case BOOL -> QueryParameterValue.bool((Boolean) value);
        };
    }

    @Override
    public synchronized void switchOver(Collection<TableSpec> liveTables) {
        for (TableSpec live : liveTables) {
            run("switch-over", BigQuerySql.replaceByCopy(live, live.shadow()), Map.of());
            run("switch-over", BigQuerySql.dropTable(live.shadow()), Map.of());
        }
    }

    @Override
    public synchronized long duplicateKeys(TableSpec table) {
        return run("duplicate-keys", BigQuerySql.duplicateKeys(table), Map.of())
                .iterateAll()
                .iterator()
                .next()
                .get(0)
                .getLongValue();
    }

    @Override
    public synchronized TableChecksum checksum(TableSpec table) {
        FieldValueList values = run("checksum", BigQuerySql.checksum(table), Map.of())
                .iterateAll()
                .iterator()
                .next();
        return new TableChecksum(
                table.qualifiedName(),
                values.get(0).getLongValue(),
                values.get(1).getStringValue());
    }

    private TableResult run(String operation, String sql, Map<String, QueryParameterValue> parameters) {
        QueryJobConfiguration query = QueryJobConfiguration.newBuilder(sql)
                .setUseLegacySql(false)
                .setNamedParameters(parameters)
                // Labels show up in billing exports and INFORMATION_SCHEMA.JOBS: what cost what.
                .setLabels(Map.of("app", "salesflow", "component", "table-store", "operation", operation))
                .build();
        return call(operation + " (" + firstLine(sql) + ")", () -> bigquery.query(query));
    }

    private interface BigQueryCall<T> {
        T call() throws InterruptedException;
    }

    private static <T> T call(String what, BigQueryCall<T> call) {
        try {
            return call.call();
        } catch (BigQueryException e) {
            throw new WarehouseException(
                    "BigQuery refused " + what + ": " + e.getMessage()
                            + (e.getError() == null ? "" : " [" + e.getError().getReason() + "]")
                            + "; check the dataset, the credentials' roles (BigQuery Data Editor, Job User) and quotas",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("Interrupted while waiting for BigQuery: " + what, e);
        }
    }

    private static String firstLine(String sql) {
        int end = sql.indexOf('\n');
        return end < 0 ? sql : sql.substring(0, end) + " …";
    }

    /** The client holds no connection of its own to release. */
    @Override
    public void close() {}
}
