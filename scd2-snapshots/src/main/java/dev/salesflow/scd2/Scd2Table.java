package dev.salesflow.scd2;

import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.ColumnType;
import dev.salesflow.warehouse.table.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of an SCD Type-2 history with dbt-compatible column names: {@code dbt_scd_id}, the
 * entity key, {@code sequence_number} and {@code change_type} of the event that made the version,
 * the tracked attributes as they were in that version, {@code dbt_valid_from}, {@code dbt_valid_to}
 * (NULL while current), {@code dbt_updated_at} and {@code is_current}. Rows are grouped by the
 * entity key, so all versions of an entity are read and replaced together.
 *
 * @param attributesSetBy change type → the attributes an event of that type sets
 */
public record Scd2Table(
        TableSpec spec, String keyColumn, List<Column> attributes, Map<String, List<String>> attributesSetBy) {

    public static final String SCHEMA = "sales_snapshots";

    public Scd2Table {
        attributes = List.copyOf(attributes);
        attributesSetBy = Map.copyOf(attributesSetBy);
        Set<String> names = Set.copyOf(attributes.stream().map(Column::name).toList());
        attributesSetBy.forEach((type, set) -> {
            if (!names.containsAll(set)) {
                throw new IllegalArgumentException("change type " + type + " sets " + set + ", not all among " + names);
            }
        });
    }

    public static Scd2Table of(
            String name, String keyColumn, List<Column> attributes, Map<String, List<String>> attributesSetBy) {
        List<Column> columns = new ArrayList<>();
        columns.add(Column.required("dbt_scd_id", ColumnType.STRING));
        columns.add(Column.required(keyColumn, ColumnType.STRING));
        columns.add(Column.required("sequence_number", ColumnType.INT64));
        columns.add(Column.required("change_type", ColumnType.STRING));
        // Nullable: a version folded before the entity's creation event was seen has no value yet.
        for (Column attribute : attributes) {
            columns.add(new Column(attribute.name(), attribute.type(), true, attribute.scale()));
        }
        columns.add(Column.required("dbt_valid_from", ColumnType.TIMESTAMP));
        columns.add(Column.optional("dbt_valid_to", ColumnType.TIMESTAMP));
        columns.add(Column.required("dbt_updated_at", ColumnType.TIMESTAMP));
        columns.add(Column.required("is_current", ColumnType.BOOL));
        TableSpec spec = new TableSpec(SCHEMA, name, columns, List.of("dbt_scd_id"), keyColumn);
        return new Scd2Table(spec, keyColumn, attributes, new LinkedHashMap<>(attributesSetBy));
    }

    /** The attributes an event of {@code changeType} sets; refuses a type this table does not know. */
    public List<String> attributesSetBy(String changeType) {
        List<String> set = attributesSetBy.get(changeType);
        if (set == null) {
            throw new IllegalStateException(spec.qualifiedName() + " has a version of unknown change type '"
                    + changeType
                    + "' (known: " + attributesSetBy.keySet() + "); the table was written by another version: replay "
                    + "the projection to rebuild it");
        }
        return set;
    }
}
