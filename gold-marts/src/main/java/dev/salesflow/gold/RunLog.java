package dev.salesflow.gold;

import dev.salesflow.warehouse.Warehouse;
import java.util.List;

/** Reads the orchestrator's run log ({@code sales_ops.gold_runs}, newest first) for the command line. */
public final class RunLog {

    private RunLog() {}

    /** One line per run: start, trigger, status, model and test counts, duration. */
    public static List<String> lastRuns(Warehouse warehouse, int last) {
        if (!warehouse.tableExists("sales_ops", "gold_runs")) {
            return List.of();
        }
        return warehouse.query(
                "select strftime(started_at, '%Y-%m-%d %H:%M:%S'), run_id, trigger, status,"
                        + " models_built, models_failed, models_skipped, tests_passed, tests_warned, tests_failed,"
                        + " date_diff('millisecond', started_at, finished_at), full_refresh, selection"
                        + " from sales_ops.gold_runs order by started_at desc limit " + Math.max(1, last),
                r -> String.format(
                        "%s  %s  %-9s %-7s models %d ok / %d failed / %d skipped, tests %d passed / %d warned / %d failed,"
                                + " %d ms%s%s",
                        r.getString(1),
                        r.getString(2).substring(0, 8),
                        r.getString(3),
                        r.getString(4),
                        r.getLong(5),
                        r.getLong(6),
                        r.getLong(7),
                        r.getLong(8),
                        r.getLong(9),
                        r.getLong(10),
                        r.getLong(11),
                        r.getBoolean(12) ? ", full refresh" : "",
                        r.getString(13).isEmpty() ? "" : ", --select " + r.getString(13)));
    }

    /** The models of a run that did not succeed, with why. */
    public static List<String> problems(Warehouse warehouse, String runId) {
        return warehouse.query(
                "select model, status, coalesce(error, '') from sales_ops.gold_model_runs where run_id = '"
                        + runId.replace("'", "") + "' and status <> 'SUCCESS' order by started_at",
                r -> r.getString(1) + " " + r.getString(2) + ": " + r.getString(3));
    }
}
