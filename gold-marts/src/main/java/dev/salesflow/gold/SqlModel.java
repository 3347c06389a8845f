package dev.salesflow.gold;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One model of the gold project: a Jinja SQL template materialised as table (or view)
 * {@code sales_gold.<name>}. Tables are named only through {@code {{ ref('model') }}} and
 * {@code {{ source('schema', 'table') }}}, as in dbt, so the runner knows the dependency graph;
 * {@code {{ config(materialized='incremental', unique_key='a, b') }}} says how it is built and
 * the header's {@code -- Grain:} line what one row is.
 */
public record SqlModel(
        String name,
        String path,
        String template,
        Set<String> refs,
        Set<String> sources,
        Materialization materialization,
        List<String> uniqueKey,
        String grain) {

    public static final String GOLD_SCHEMA = "sales_gold";

    /** How a model's table is (re)built. */
    public enum Materialization {
        VIEW,
        TABLE,
        INCREMENTAL
    }

    private static final Pattern REF = Pattern.compile("ref\\(\\s*'([a-z0-9_]+)'\\s*\\)");
    private static final Pattern SOURCE = Pattern.compile("source\\(\\s*'([a-z0-9_]+)'\\s*,\\s*'([a-z0-9_]+)'\\s*\\)");
    private static final Pattern CONFIG = Pattern.compile("\\{\\{\\s*config\\((.*?)\\)\\s*}}", Pattern.DOTALL);
    private static final Pattern ARGUMENT = Pattern.compile("([a-z_]+)\\s*=\\s*'([^']*)'");
    private static final Pattern GRAIN = Pattern.compile("--\\s*Grain:\\s*(.+)");

    public static SqlModel parse(String name, String template) {
        return parse(name, name + ".sql", template);
    }

    public static SqlModel parse(String name, String path, String template) {
        Set<String> refs = new LinkedHashSet<>();
        Matcher matcher = REF.matcher(template);
        while (matcher.find()) {
            refs.add(matcher.group(1));
        }
        Set<String> sources = new LinkedHashSet<>();
        matcher = SOURCE.matcher(template);
        while (matcher.find()) {
            sources.add(matcher.group(1) + "." + matcher.group(2));
        }
        Map<String, String> config = new LinkedHashMap<>();
        matcher = CONFIG.matcher(template);
        if (matcher.find()) {
            Matcher argument = ARGUMENT.matcher(matcher.group(1));
            while (argument.find()) {
                config.put(argument.group(1), argument.group(2));
            }
        }
        Materialization materialization;
        try {
            materialization = Materialization.valueOf(
                    config.getOrDefault("materialized", "table").toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Model " + name + ": materialized='" + config.get("materialized")
                    + "' is not one of view, table, incremental");
        }
        List<String> uniqueKey = config.containsKey("unique_key")
                ? List.of(config.get("unique_key").split("\\s*,\\s*"))
                : List.of();
        if (materialization == Materialization.INCREMENTAL && uniqueKey.isEmpty()) {
            throw new IllegalStateException("Incremental model " + name + " needs config(unique_key='...'): the"
                    + " columns whose rows a refresh replaces");
        }
        Matcher grain = GRAIN.matcher(template);
        return new SqlModel(
                name,
                path,
                template,
                Set.copyOf(refs),
                Set.copyOf(sources),
                materialization,
                uniqueKey,
                grain.find() ? grain.group(1).strip() : null);
    }

    public String table() {
        return GOLD_SCHEMA + "." + name;
    }

    /**
     * {@code config(..., keep_replaced='true')}: an incremental refresh copies the rows it replaces
     * into {@link #replacedTable()} (with {@code _replaced_at}, the run's start) before deleting
     * them, so descendants can subtract what they had counted instead of recomputing it.
     */
    public boolean keepsReplaced() {
        return materialization == Materialization.INCREMENTAL && "true".equals(config("keep_replaced"));
    }

    /**
     * {@code config(..., delete_where='sales = 0')}: after an incremental refresh, the refreshed
     * rows matching the condition are deleted (a delta merge can leave a group with nothing in it,
     * which a build from scratch would not have).
     */
    public String deleteWhere() {
        return materialization == Materialization.INCREMENTAL ? config("delete_where") : null;
    }

    /**
     * {@code config(..., partition_by='sale_date', cluster_by='store_key, product_id')}: the table's
     * layout on BigQuery ({@code PARTITION BY} / {@code CLUSTER BY} where queries filter); empty for
     * DuckDB, which has no such clauses.
     */
    public String tableLayout(Dialect dialect) {
        if (dialect != Dialect.BIGQUERY || materialization == Materialization.VIEW) {
            return "";
        }
        String partition = config("partition_by");
        String cluster = config("cluster_by");
        return (partition == null ? "" : " partition by " + partition)
                + (cluster == null ? "" : " cluster by " + cluster);
    }

    private String config(String key) {
        Matcher config = CONFIG.matcher(template);
        if (config.find()) {
            Matcher argument = ARGUMENT.matcher(config.group(1));
            while (argument.find()) {
                if (argument.group(1).equals(key)) {
                    return argument.group(2);
                }
            }
        }
        return null;
    }

    /** Where {@link #keepsReplaced()} keeps the replaced rows: {@code <table>__replaced}. */
    public String replacedTable() {
        return table() + "__replaced";
    }

    /** The SQL for DuckDB, built from scratch (not incrementally); for tests and tools. */
    public String compiledSql() {
        return new SqlRenderer(Dialect.DUCKDB).render(this, false, null, null);
    }
}
