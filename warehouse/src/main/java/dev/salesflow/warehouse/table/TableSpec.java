package dev.salesflow.warehouse.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A read-model table whose rows are grouped by the aggregate they come from: the rows of one
 * aggregate (a customer's versions, a sale's lines) are always read and replaced together, so a
 * projection can recompute them from that aggregate's events alone. The engine-neutral schema;
 * each {@link TableStore} renders its own DDL from it.
 *
 * @param schema          dataset / schema, e.g. {@code sales_silver}
 * @param name            table name, e.g. {@code sale_lines}
 * @param columns         in table order
 * @param key             columns that identify a row (unique)
 * @param aggregateColumn the column holding the aggregate id the rows belong to
 */
public record TableSpec(String schema, String name, List<Column> columns, List<String> key, String aggregateColumn) {

    /** Suffix of the table a replay builds before it replaces the live one. */
    public static final String SHADOW_SUFFIX = "__rebuild";

    public TableSpec {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        List<String> names = columns.stream().map(Column::name).toList();
        if (!names.containsAll(key) || !names.contains(aggregateColumn)) {
            throw new IllegalArgumentException("table " + name + ": key " + key + " and aggregate column "
                    + aggregateColumn + " must be among the columns " + names);
        }
    }

    public String qualifiedName() {
        return schema + "." + name;
    }

    /** The same table under the name a replay fills before switching over. */
    public TableSpec shadow() {
        return new TableSpec(schema, name + SHADOW_SUFFIX, columns, key, aggregateColumn);
    }

    public boolean isShadow() {
        return name.endsWith(SHADOW_SUFFIX);
    }

    /** The live table of a shadow (itself for a live table). */
    public TableSpec live() {
        return isShadow()
                ? new TableSpec(
                        schema,
                        name.substring(0, name.length() - SHADOW_SUFFIX.length()),
                        columns,
                        key,
                        aggregateColumn)
                : this;
    }

    public int columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("table " + name + " has no column " + column);
    }

    public int aggregateIndex() {
        return columnIndex(aggregateColumn);
    }

    /** A row with every value {@linkplain Column#normalise normalised}; refuses a row of the wrong width. */
    public Object[] row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(
                    "table " + name + " has " + columns.size() + " columns, row has " + values.length);
        }
        Object[] row = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            row[i] = columns.get(i).normalise(values[i]);
        }
        return row;
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** Values of the key columns of {@code row}, in key order. */
    public List<Object> keyOf(Object[] row) {
        List<Object> values = new ArrayList<>(key.size());
        for (String column : key) {
            values.add(row[columnIndex(column)]);
        }
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TableSpec that
                && schema.equals(that.schema)
                && name.equals(that.name)
                && columns.equals(that.columns)
                && key.equals(that.key)
                && aggregateColumn.equals(that.aggregateColumn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, name);
    }
}
