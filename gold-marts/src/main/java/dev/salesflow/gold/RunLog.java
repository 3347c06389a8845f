package dev.salesflow.gold;

import dev.salesflow.warehouse.Warehouse;
import dev.salesflow.warehouse.engine.DuckDbQueryEngine;
import dev.salesflow.warehouse.engine.QueryEngine;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Reads the orchestrator's run log ({@code sales_ops.gold_runs}, newest first) for the command line,
 * in SQL both engines accept (times are formatted here, not in SQL).
 */
public final class RunLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private RunLog() {}

    /** One line per run: start, trigger, status, model and test counts, duration. */
    public static List<String> lastRuns(Warehouse warehouse, int last) {
        return lastRuns(new DuckDbQueryEngine(warehouse), last);
    }

    public static List<String> lastRuns(QueryEngine warehouse, int last) {
        if (!warehouse.tableExists("sales_ops", "gold_runs")) {
            return List.of();
        }
        return warehouse.query(
                "select started_at, run_id, trigger, status,"
                        + " models_built, models_failed, models_skipped, tests_passed, tests_warned, tests_failed,"
                        + " finished_at, full_refresh, selection"
                        + " from sales_ops.gold_runs order by started_at desc limit " + Math.max(1, last),
                r -> {
                    LocalDateTime started = r.getObject(1, LocalDateTime.class);
                    LocalDateTime finished = r.getObject(11, LocalDateTime.class);
                    return String.format(
                            "%s  %s  %-9s %-7s models %d ok / %d failed / %d skipped, tests %d passed / %d warned / %d"
                                    + " failed, %d ms%s%s",
                            TIME.format(started),
                            r.getString(2).substring(0, 8),
                            r.getString(3),
                            r.getString(4),
                            r.getLong(5),
                            r.getLong(6),
                            r.getLong(7),
                            r.getLong(8),
                            r.getLong(9),
                            r.getLong(10),
                            Duration.between(started, finished).toMillis(),
                            Boolean.TRUE.equals(r.value(12)) ? ", full refresh" : "",
                            r.getString(13).isEmpty() ? "" : ", --select " + r.getString(13));
                });
    }

    /** The models of a run that did not succeed, with why. */
    public static List<String> problems(Warehouse warehouse, String runId) {
        return problems(new DuckDbQueryEngine(warehouse), runId);
    }

    public static List<String> problems(QueryEngine warehouse, String runId) {
        return warehouse.query(
                "select model, status, coalesce(error, '') from sales_ops.gold_model_runs where run_id = ?"
                        + " and status <> 'SUCCESS' order by started_at",
                List.of(runId),
                r -> r.getString(1) + " " + r.getString(2) + ": " + r.getString(3));
    }
}
