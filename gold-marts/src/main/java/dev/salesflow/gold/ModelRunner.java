package dev.salesflow.gold;

import dev.salesflow.warehouse.Warehouse;
import dev.salesflow.warehouse.WarehouseException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds every gold model in dependency order, then runs the data tests, and records both in
 * {@code sales_ops}. A failed model is recorded with its error and its dependants are skipped;
 * the run goes on with the rest.
 */
public class ModelRunner {

    private static final Logger log = LoggerFactory.getLogger(ModelRunner.class);

    private final Warehouse warehouse;
    private final GoldProject project;

    public ModelRunner(Warehouse warehouse, GoldProject project) {
        this.warehouse = warehouse;
        this.project = project;
        warehouse.executeScript(GoldProject.ROOT + "ops_tables.sql");
    }

    public synchronized RunResult run() {
        String runId = UUID.randomUUID().toString();
        Instant started = Instant.now();
        List<String> failedModels = new ArrayList<>();
        Set<String> unavailable = new HashSet<>();
        for (SqlModel model : project.modelsInOrder()) {
            if (model.refs().stream().anyMatch(unavailable::contains)) {
                unavailable.add(model.name());
                record(runId, model.name(), Instant.now(), "SKIPPED", null, "an upstream model failed");
                continue;
            }
            if (!build(runId, model)) {
                unavailable.add(model.name());
                failedModels.add(model.name());
            }
        }
        List<String> failedTests = new ArrayList<>();
        for (SqlModel test : project.tests()) {
            if (!check(runId, test)) {
                failedTests.add(test.name());
            }
        }
        return new RunResult(runId, started, Instant.now(), project.modelsInOrder().size(), failedModels,
                project.tests().size(), failedTests);
    }

    private boolean build(String runId, SqlModel model) {
        Instant started = Instant.now();
        String table = SqlModel.GOLD_SCHEMA + "." + model.name();
        try {
            warehouse.execute("create or replace table " + table + " as\n" + model.compiledSql());
            record(runId, model.name(), started, "SUCCESS", warehouse.count(table), null);
            return true;
        } catch (WarehouseException | IllegalArgumentException e) {
            log.error("Gold model {} failed: {}", model.name(), e.getMessage());
            record(runId, model.name(), started, "ERROR", null, e.getMessage());
            return false;
        }
    }

    private boolean check(String runId, SqlModel test) {
        try {
            long failing = warehouse.query("select count(*) from (" + test.compiledSql() + ") as failing",
                    rows -> rows.getLong(1)).get(0);
            recordTest(runId, test.name(), failing == 0 ? "PASS" : "FAIL", failing, null);
            if (failing > 0) {
                log.warn("Data test {} failed with {} rows", test.name(), failing);
            }
            return failing == 0;
        } catch (WarehouseException | IllegalArgumentException e) {
            log.error("Data test {} could not run: {}", test.name(), e.getMessage());
            recordTest(runId, test.name(), "ERROR", null, e.getMessage());
            return false;
        }
    }

    private void record(String runId, String model, Instant started, String status, Long rows, String error) {
        warehouse.execute("insert into sales_ops.model_runs values (" + String.join(", ", literal(runId),
                literal(model), literal(started), literal(Instant.now()), literal(status),
                rows == null ? "null" : rows.toString(), literal(error)) + ")");
    }

    private void recordTest(String runId, String test, String status, Long failing, String error) {
        warehouse.execute("insert into sales_ops.data_test_results values (" + String.join(", ", literal(runId),
                literal(test), literal(Instant.now()), literal(status),
                failing == null ? "null" : failing.toString(), literal(error)) + ")");
    }

    private static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Instant instant) {
            return "timestamp '" + LocalDateTime.ofInstant(instant, ZoneOffset.UTC) + "'";
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    /** What one run did. */
    public record RunResult(String runId, Instant startedAt, Instant finishedAt, int models,
                            List<String> failedModels, int tests, List<String> failedTests) {

        public boolean succeeded() {
            return failedModels.isEmpty() && failedTests.isEmpty();
        }
    }
}
