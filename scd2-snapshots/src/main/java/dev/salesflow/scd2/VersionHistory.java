package dev.salesflow.scd2;

import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.TableSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds an entity's changes into its versions. The versions are a function of the set of changes
 * alone, not of the order they arrived in: changes are applied in business-time order (ties by
 * sequence number); each version starts from the previous one's attribute values and overwrites
 * those its event set; a version is valid from its change's business time to the next one's.
 * That is what makes a late event land at its place, with the later versions inheriting its value
 * for every attribute they did not change themselves.
 */
public final class VersionHistory {

    private static final Comparator<Change> BUSINESS_ORDER =
            Comparator.comparing(Change::at).thenComparingLong(Change::sequenceNumber);

    private VersionHistory() {}

    /** The changes that made {@code rows} (the versions of one entity), read back from them. */
    public static List<Change> changesOf(Scd2Table table, List<Object[]> rows) {
        TableSpec spec = table.spec();
        int sequence = spec.columnIndex("sequence_number");
        int type = spec.columnIndex("change_type");
        int validFrom = spec.columnIndex("dbt_valid_from");
        List<Change> changes = new ArrayList<>(rows.size() + 1);
        for (Object[] row : rows) {
            String changeType = (String) row[type];
            Map<String, Object> values = new HashMap<>();
            for (String attribute : table.attributesSetBy(changeType)) {
                values.put(attribute, row[spec.columnIndex(attribute)]);
            }
            changes.add(new Change((Long) row[sequence], (Instant) row[validFrom], changeType, values));
        }
        return changes;
    }

    /** All versions of entity {@code key} made by {@code changes}, in business-time order. */
    public static List<Object[]> versions(Scd2Table table, String key, List<Change> changes) {
        List<Change> ordered = new ArrayList<>(changes);
        ordered.sort(BUSINESS_ORDER);
        List<Column> attributes = table.attributes();
        Object[] state = new Object[attributes.size()];
        List<Object[]> rows = new ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            Change change = ordered.get(i);
            for (String attribute : table.attributesSetBy(change.changeType())) {
                state[indexOf(attributes, attribute)] = change.values().get(attribute);
            }
            Instant validTo = i + 1 < ordered.size() ? ordered.get(i + 1).at() : null;
            Object[] values = new Object[table.spec().columns().size()];
            int column = 0;
            values[column++] = ScdId.of(key, change.sequenceNumber());
            values[column++] = key;
            values[column++] = change.sequenceNumber();
            values[column++] = change.changeType();
            for (Object value : state) {
                values[column++] = value;
            }
            values[column++] = change.at();
            values[column++] = validTo;
            // The change's business time, not the wall clock: a replay must give identical rows.
            values[column++] = change.at();
            values[column] = validTo == null;
            rows.add(table.spec().row(values));
        }
        return rows;
    }

    private static int indexOf(List<Column> attributes, String name) {
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no tracked attribute " + name);
    }
}
