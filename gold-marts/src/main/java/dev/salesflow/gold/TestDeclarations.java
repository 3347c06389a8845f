package dev.salesflow.gold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Generates the generic data tests from dbt-style YAML declarations ({@code models/schema.yml}):
 * per model {@code tests:} and per column {@code columns: - name: … tests:}, each test a name or a
 * one-key map {@code {kind: {arguments…, severity: warn|error}}}; per source table
 * {@code freshness: {warn_after: {count, period}, error_after: …}} on {@code loaded_at_field} or, for a table
 * without a load time, {@code loaded_at_query} (a query returning the latest load time as {@code latest}).
 */
final class TestDeclarations {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TestDeclarations() {}

    static List<DataTest> parse(String file, String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalStateException("gold " + file + " is not valid YAML: " + e.getMessage(), e);
        }
        List<DataTest> tests = new ArrayList<>();
        for (JsonNode source : root.path("sources")) {
            String schema = text(source, "name", file);
            for (JsonNode table : source.path("tables")) {
                String name = text(table, "name", file);
                if (table.has("freshness")) {
                    JsonNode freshness = table.get("freshness");
                    // dbt's two ways of saying when rows were loaded: a column, or a query
                    // returning one column named latest (for tables without a load time)
                    String latest = table.hasNonNull("loaded_at_query")
                            ? table.get("loaded_at_query").asText().strip()
                            : "select max(" + text(table, "loaded_at_field", file) + ") as latest from {{ source('"
                                    + schema + "', '" + name + "') }}";
                    tests.add(new DataTest(
                            "source_freshness_" + schema + "_" + name,
                            null,
                            "freshness",
                            DataTest.Severity.ERROR,
                            latest,
                            duration(freshness.get("warn_after"), file),
                            duration(freshness.get("error_after"), file)));
                }
            }
        }
        for (JsonNode model : root.path("models")) {
            String name = text(model, "name", file);
            for (JsonNode test : model.path("tests")) {
                tests.add(generate(file, name, null, test));
            }
            for (JsonNode column : model.path("columns")) {
                String columnName = text(column, "name", file);
                for (JsonNode test : column.path("tests")) {
                    tests.add(generate(file, name, columnName, test));
                }
            }
        }
        return tests;
    }

    private static DataTest generate(String file, String model, String column, JsonNode declaration) {
        String kind;
        JsonNode args;
        if (declaration.isTextual()) {
            kind = declaration.asText();
            args = YAML.createObjectNode();
        } else if (declaration.isObject() && declaration.size() == 1) {
            Map.Entry<String, JsonNode> entry = declaration.fields().next();
            kind = entry.getKey();
            args = entry.getValue();
        } else {
            throw new IllegalStateException(file + ": model " + model + " has a test that is neither a name nor a"
                    + " one-key map: " + declaration);
        }
        DataTest.Severity severity =
                DataTest.Severity.valueOf(args.path("severity").asText("error").toUpperCase());
        String ref = "{{ ref('" + model + "') }}";
        String where = args.has("where") ? " and (" + args.get("where").asText() + ")" : "";
        String sql;
        String name;
        switch (kind) {
            case "not_null" -> {
                need(column, kind, model, file);
                name = "not_null_" + model + "_" + column;
                sql = "select * from " + ref + " where " + column + " is null" + where;
            }
            case "unique" -> {
                List<String> columns =
                        column != null ? List.of(column) : strings(args.get("columns"), kind, model, file);
                String list = String.join(", ", columns);
                name = "unique_" + model + "_" + String.join("_", columns);
                sql = "select " + list + ", count(*) as n from " + ref + " where true" + where + " group by " + list
                        + " having count(*) > 1";
            }
            case "accepted_values" -> {
                need(column, kind, model, file);
                List<String> values = strings(args.get("values"), kind, model, file);
                name = "accepted_values_" + model + "_" + column;
                sql = "select " + column + ", count(*) as n from " + ref + " where " + column + " is not null and "
                        + column + " not in ("
                        + values.stream()
                                .map(v -> "'" + v.replace("'", "''") + "'")
                                .collect(Collectors.joining(", ")) + ")" + where + " group by " + column;
            }
            case "relationships" -> {
                need(column, kind, model, file);
                String to = text(args, "to", file);
                String field = text(args, "field", file);
                name = "relationships_" + model + "_" + column + "__" + to + "_" + field;
                sql = "select child." + column + " from " + ref + " as child left join {{ ref('" + to
                        + "') }} as parent"
                        + " on parent." + field + " = child." + column + " where child." + column
                        + " is not null and parent."
                        + field + " is null" + where.replace(" and (", " and (child.");
            }
            case "expression" -> {
                String expression = text(args, "expression", file);
                name = "expression_" + model + "_" + text(args, "name", file);
                sql = "select * from " + ref + " where not (" + expression + ")" + where;
            }
            case "equal_total" -> {
                // Reconciliation: the model's total of a column equals another relation's total.
                String sumColumn = column != null ? column : text(args, "column", file);
                String to = text(args, "to", file);
                String relation = to.contains(".")
                        ? "{{ source('" + to.substring(0, to.indexOf('.')) + "', '" + to.substring(to.indexOf('.') + 1)
                                + "') }}"
                        : "{{ ref('" + to + "') }}";
                String toColumn = args.path("to_column").asText(sumColumn);
                name = "equal_total_" + model + "_" + sumColumn + "__" + to.replace('.', '_') + "_" + toColumn;
                sql = "select mine.total as model_total, theirs.total as other_total from (select coalesce(sum("
                        + sumColumn + "), 0) as total from " + ref + " where true" + where
                        + ") as mine cross join (select coalesce(sum("
                        + toColumn + "), 0) as total from " + relation + ") as theirs where mine.total <> theirs.total";
            }
            default ->
                throw new IllegalStateException(file + ": model " + model + " declares an unknown test '" + kind
                        + "'; known: not_null, unique, accepted_values, relationships, expression, equal_total");
        }
        return DataTest.of(name, model, kind, severity, sql);
    }

    private static void need(String column, String kind, String model, String file) {
        if (column == null) {
            throw new IllegalStateException(file + ": test " + kind + " of model " + model + " belongs under a column");
        }
    }

    private static List<String> strings(JsonNode node, String kind, String model, String file) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalStateException(file + ": test " + kind + " of model " + model + " needs a list");
        }
        List<String> values = new ArrayList<>();
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            values.add(it.next().asText());
        }
        return values;
    }

    private static String text(JsonNode node, String field, String file) {
        if (!node.hasNonNull(field)) {
            throw new IllegalStateException(file + ": '" + field + "' missing in " + node);
        }
        return node.get(field).asText();
    }

    private static Duration duration(JsonNode node, String file) {
        if (node == null) {
            return null;
        }
        long count = node.path("count").asLong();
        String period = node.path("period").asText();
        return switch (period) {
            case "minute" -> Duration.of(count, ChronoUnit.MINUTES);
            case "hour" -> Duration.of(count, ChronoUnit.HOURS);
            case "day" -> Duration.of(count, ChronoUnit.DAYS);
            default ->
                throw new IllegalStateException(
                        file + ": freshness period '" + period + "' is not minute, hour or day");
        };
    }
}
