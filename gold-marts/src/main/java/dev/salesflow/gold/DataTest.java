package dev.salesflow.gold;

import java.time.Duration;

/**
 * One data test: a query returning the failing rows ({@code sql}, a Jinja template like the
 * models), or for {@code freshness} the query of the latest load time of a source table.
 *
 * @param model    the model it checks; runs once that model and every model it refs are processed in
 *                 the run, and with severity
 *                 {@code error} a failure stops the model's descendants. Null for source tests.
 * @param kind     unique, not_null, accepted_values, relationships, expression, equal_total,
 *                 freshness or singular (a hand-written SQL file under tests/)
 * @param warnAfter  freshness only: older than this is a warning
 * @param errorAfter freshness only: older than this is an error
 */
public record DataTest(
        String name,
        String model,
        String kind,
        Severity severity,
        String sql,
        Duration warnAfter,
        Duration errorAfter) {

    public enum Severity {
        WARN,
        ERROR
    }

    public static DataTest of(String name, String model, String kind, Severity severity, String sql) {
        return new DataTest(name, model, kind, severity, sql, null, null);
    }
}
