package dev.salesflow.gold;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQL file of the gold project: a model (materialised as table {@code sales_gold.<name>}) or a
 * data test (a query that returns the failing rows). Tables are named only through
 * {@code {{ ref('model') }}} and {@code {{ source('schema', 'table') }}}, as in dbt, so the runner
 * knows the dependency graph.
 */
public record SqlModel(String name, String template, Set<String> refs) {

    public static final String GOLD_SCHEMA = "sales_gold";

    private static final Pattern REF = Pattern.compile("\\{\\{\\s*ref\\(\\s*'([a-z0-9_]+)'\\s*\\)\\s*}}");
    private static final Pattern SOURCE = Pattern.compile(
            "\\{\\{\\s*source\\(\\s*'([a-z0-9_]+)'\\s*,\\s*'([a-z0-9_]+)'\\s*\\)\\s*}}");
    private static final Pattern ANY_TAG = Pattern.compile("\\{\\{.*?}}");

    public static SqlModel parse(String name, String template) {
        Set<String> refs = new LinkedHashSet<>();
        Matcher matcher = REF.matcher(template);
        while (matcher.find()) {
            refs.add(matcher.group(1));
        }
        return new SqlModel(name, template, Set.copyOf(refs));
    }

    /** The SQL with every ref and source replaced by its table name. */
    public String compiledSql() {
        String sql = REF.matcher(template).replaceAll(GOLD_SCHEMA + ".$1");
        sql = SOURCE.matcher(sql).replaceAll("$1.$2");
        Matcher unknown = ANY_TAG.matcher(sql);
        if (unknown.find()) {
            throw new IllegalArgumentException("Model " + name + " uses an unknown template tag " + unknown.group()
                    + "; only {{ ref('model') }} and {{ source('schema', 'table') }} are supported");
        }
        return sql.strip();
    }
}
