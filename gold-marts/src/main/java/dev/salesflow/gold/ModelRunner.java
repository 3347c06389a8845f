package dev.salesflow.gold;

import dev.salesflow.warehouse.Warehouse;
import dev.salesflow.warehouse.WarehouseException;
import dev.salesflow.warehouse.engine.DuckDbQueryEngine;
import dev.salesflow.warehouse.engine.QueryEngine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gold orchestrator: builds the selected models in dependency order (views, tables, or
 * incremental tables refreshed by their unique key), runs each data test once every model it reads
 * is processed (usually right after the model it checks),
 * and records the run, every model and every test in {@code sales_ops}. A model that fails after
 * its retries, or an error-severity test that fails, stops only the models built from it (each
 * recorded SKIPPED with the reason); the rest of the run goes on.
 *
 * <p>Every statement goes through the {@link QueryEngine} port, rendered for its dialect: the same
 * model files build on DuckDB (local) and on BigQuery (gcp mode).
 */
public class ModelRunner {

    private static final Logger log = LoggerFactory.getLogger(ModelRunner.class);

    private final QueryEngine warehouse;
    private final GoldProject project;
    private final Dialect dialect;
    private final SqlRenderer renderer;
    private final int maxAttempts;
    private final Duration backoff;
    private volatile EventStoreCounts eventStore;
    private final Map<String, String> fixedRenderings = new ConcurrentHashMap<>();
    // incremental models whose table's columns were compared with the model's in this process
    private final Set<String> columnsChecked = ConcurrentHashMap.newKeySet();
    // What the run log and the model state said when the run started (one query each instead of one
    // per model and ref); updated as this run builds models.
    private Map<String, String> storedFingerprints = new HashMap<>();
    private Map<String, Instant> lastBuilds = new HashMap<>();
    private Map<String, Instant> lastFullBuilds = new HashMap<>();

    /** On the local DuckDB warehouse. */
    public ModelRunner(Warehouse warehouse, GoldProject project) {
        this(new DuckDbQueryEngine(warehouse), project);
    }

    public ModelRunner(QueryEngine engine, GoldProject project) {
        this(engine, project, 3, Duration.ofMillis(500));
    }

    /** On the local DuckDB warehouse; @param maxAttempts tries per model; @param backoff wait before the 2nd try, doubled each time */
    public ModelRunner(Warehouse warehouse, GoldProject project, int maxAttempts, Duration backoff) {
        this(new DuckDbQueryEngine(warehouse), project, maxAttempts, backoff);
    }

    /** @param maxAttempts tries per model; @param backoff wait before the 2nd try, doubled each time */
    public ModelRunner(QueryEngine engine, GoldProject project, int maxAttempts, Duration backoff) {
        this.warehouse = engine;
        this.project = project;
        this.dialect = Dialect.of(engine.kind());
        this.renderer = new SqlRenderer(dialect);
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        for (String statement : GoldProject.opsTables(dialect)) {
            engine.execute(statement);
        }
    }

    public GoldProject project() {
        return project;
    }

    /** Lets the reconciliation compare the event store's counts with bronze and silver. */
    public void setEventStoreCounts(EventStoreCounts counts) {
        this.eventStore = counts;
    }

    /** Builds and tests every model incrementally where it can. */
    public RunResult run() {
        return run(Request.all("schedule"), line -> {});
    }

    public synchronized RunResult run(Request request, Consumer<String> progress) {
        String runId = UUID.randomUUID().toString();
        Instant started = Instant.now();
        loadRunState();
        Set<String> selected = project.select(request.select());
        Map<String, String> blocked = new LinkedHashMap<>();
        List<ModelOutcome> models = new ArrayList<>();
        List<TestOutcome> tests = new ArrayList<>();
        // Tests of the sources alone (freshness, SCD2 histories) first: they check the run's inputs.
        for (DataTest test : request.test() ? project.tests() : List.<DataTest>of()) {
            if (test.model() == null) {
                tests.add(check(runId, test, progress));
            }
        }
        int done = 0;
        Map<String, String> sourcePrints = new HashMap<>();
        Map<String, String> modelPrints = new HashMap<>();
        TestQueue queue = new TestQueue(runId, request.test(), selected, blocked, progress);
        for (SqlModel model : project.modelsInOrder()) {
            if (!selected.contains(model.name())) {
                continue;
            }
            done++;
            String upstream = model.refs().stream()
                    .filter(blocked::containsKey)
                    .findFirst()
                    .orElse(null);
            if (upstream != null) {
                String reason = "upstream " + upstream + ": " + blocked.get(upstream);
                blocked.put(model.name(), reason.startsWith("upstream") ? reason : reason);
                models.add(recordModel(runId, started, model, "SKIPPED", "skipped", Instant.now(), 0, null, reason));
                progress.accept(String.format("[%d/%d] %s SKIPPED (%s)", done, selected.size(), model.name(), reason));
                tests.addAll(queue.processed(model.name(), "was skipped"));
                continue;
            }
            if (request.build()) {
                String fingerprint = fingerprint(model, sourcePrints, modelPrints);
                modelPrints.put(model.name(), fingerprint);
                if (!request.fullRefresh() && fingerprint.equals(storedFingerprint(model.name())) && exists(model)) {
                    // nothing it reads changed since its last successful build: its table is current
                    models.add(recordModel(runId, started, model, "SUCCESS", "unchanged", Instant.now(), 0, 0L, null));
                    progress.accept(String.format("[%d/%d] %s unchanged", done, selected.size(), model.name()));
                    tests.addAll(queue.processed(model.name(), null));
                    continue;
                }
                ModelOutcome outcome = build(runId, started, model, request.fullRefresh());
                if ("SUCCESS".equals(outcome.status())) {
                    storeFingerprint(model.name(), fingerprint, runId, started);
                    lastBuilds.put(model.name(), started);
                    if (outcome.mode().startsWith("full")) {
                        lastFullBuilds.put(model.name(), started);
                    }
                }
                models.add(outcome);
                progress.accept(String.format(
                        "[%d/%d] %s %s %s in %d ms%s",
                        done,
                        selected.size(),
                        model.name(),
                        outcome.status(),
                        outcome.mode(),
                        outcome.durationMs(),
                        outcome.rowsAffected() == null ? "" : ", " + outcome.rowsAffected() + " rows"));
                if (!"SUCCESS".equals(outcome.status())) {
                    blocked.put(model.name(), "failed: " + outcome.error());
                    tests.addAll(queue.processed(model.name(), "failed"));
                    continue;
                }
            }
            tests.addAll(queue.processed(model.name(), null));
        }
        Reconciliation reconciliation = request.test() ? reconcile(runId) : null;
        RunResult result = new RunResult(runId, started, Instant.now(), request, models, tests, reconciliation);
        recordRun(result);
        progress.accept(result.summary());
        return result;
    }

    /**
     * What a model is built from: its SQL as rendered (macros included), the contents of its
     * sources and the fingerprints of its refs in this run. Equal fingerprints mean an equal table.
     */
    private String fingerprint(SqlModel model, Map<String, String> sourcePrints, Map<String, String> modelPrints) {
        // the renderings at fixed times depend on the model's files only: rendered once per runner
        StringBuilder text = new StringBuilder(fixedRenderings.computeIfAbsent(
                model.name(),
                name -> renderer.render(model, false, Instant.EPOCH, null)
                        + renderer.render(model, true, Instant.EPOCH, Instant.EPOCH)));
        for (String source : new TreeSet<>(model.sources())) {
            text.append("\nsource ")
                    .append(source)
                    .append('=')
                    .append(sourcePrints.computeIfAbsent(source, this::sourceFingerprint));
        }
        for (String ref : new TreeSet<>(model.refs())) {
            // a ref outside the selection keeps what it was last built from
            String print = modelPrints.get(ref);
            text.append("\nref ").append(ref).append('=').append(print != null ? print : storedFingerprint(ref));
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The contents of a source table, cheaply: silver sale lines by count and sum of
     * last_sequence_number (every event of a sale raises it on all its lines), bronze (append only)
     * by count and latest ingestion, every other (small) table by a hash of all its rows.
     */
    private String sourceFingerprint(String source) {
        String[] parts = source.split("\\.");
        if (!warehouse.tableExists(parts[0], parts[1])) {
            return "missing";
        }
        // concat and cast(… as string) read alike in DuckDB and BigQuery
        String sql = switch (source) {
            case "sales_silver.sale_lines" ->
                "select concat(cast(count(*) as string), '/', cast(coalesce(sum(last_sequence_number), 0) as"
                        + " string)) from " + source;
            case "sales_bronze.sales_events" ->
                "select concat(cast(count(*) as string), '/', coalesce(cast(max(ingested_at) as string), ''))"
                        + " from " + source;
            default -> {
                if (dialect == Dialect.BIGQUERY) {
                    yield "select concat(cast(count(*) as string), '/', cast(coalesce(bit_xor(farm_fingerprint("
                            + "to_json_string(t))), 0) as string)) from " + source + " as t";
                }
                List<String> columns = warehouse.columns(parts[0], parts[1]).stream()
                        .map(column -> '"' + column.substring(0, column.indexOf(' ')) + '"')
                        .toList();
                yield "select count(*) || '/' || coalesce(sum(hash(" + String.join(", ", columns)
                        + ")::hugeint), 0) from " + source;
            }
        };
        return warehouse.query(sql, rows -> rows.getString(1)).get(0);
    }

    private String storedFingerprint(String model) {
        return storedFingerprints.getOrDefault(model, "none");
    }

    /** The stored fingerprints and the last builds of every model, as the run starts. */
    private void loadRunState() {
        storedFingerprints = new HashMap<>();
        for (List<String> row : warehouse.query(
                "select model, fingerprint from sales_ops.gold_model_state",
                rows -> List.of(rows.getString(1), rows.getString(2)))) {
            storedFingerprints.put(row.get(0), row.get(1));
        }
        lastBuilds = lastRuns("mode <> 'unchanged'");
        lastFullBuilds = lastRuns("mode like 'full%'");
    }

    /** Per model, the start of the run of its last successful build of the given modes. */
    private Map<String, Instant> lastRuns(String modes) {
        Map<String, Instant> found = new HashMap<>();
        warehouse.query(
                "select model, max(run_started_at) from sales_ops.gold_model_runs where status = 'SUCCESS' and " + modes
                        + " group by model",
                rows -> {
                    LocalDateTime value = rows.getObject(2, LocalDateTime.class);
                    if (value != null) {
                        found.put(rows.getString(1), value.toInstant(ZoneOffset.UTC));
                    }
                    return null;
                });
        return found;
    }

    private void storeFingerprint(String model, String fingerprint, String runId, Instant runStartedAt) {
        warehouse.executeAtomically(List.of(
                "delete from sales_ops.gold_model_state where model = " + literal(model),
                "insert into sales_ops.gold_model_state values ("
                        + String.join(", ", literal(model), literal(fingerprint), literal(runId), literal(runStartedAt))
                        + ")"));
        storedFingerprints.put(model, fingerprint);
    }

    /**
     * The run's tests of models, each waiting until every model it reads was processed in this run
     * (a relationships test of the fact waits for its dimension built after it), so that a test
     * never compares tables built from different states of silver.
     */
    private final class TestQueue {
        private final String runId;
        // each waiting test with the models it reads (parsed from its SQL once per run)
        private final Map<DataTest, Set<String>> waiting = new LinkedHashMap<>();
        private final Set<String> unprocessed;
        private final Map<String, String> notBuilt = new HashMap<>();
        private final Map<String, String> blocked;
        private final Consumer<String> progress;

        TestQueue(
                String runId,
                boolean test,
                Set<String> selected,
                Map<String, String> blocked,
                Consumer<String> progress) {
            this.runId = runId;
            this.unprocessed = new HashSet<>(selected);
            this.blocked = blocked;
            this.progress = progress;
            if (test) {
                project.tests().stream()
                        .filter(t -> t.model() != null && selected.contains(t.model()))
                        .forEach(t -> waiting.put(t, GoldProject.modelsReadBy(t)));
            }
        }

        /**
         * Runs the tests that were waiting only for {@code model} ({@code notBuiltBecause} null when
         * it was built or unchanged): a test reading a model that failed or was skipped is recorded
         * SKIPPED; an error-severity failure blocks the test's own model, so that its descendants
         * (ordered after every model its tests read, see {@link GoldProject}) are skipped.
         */
        List<TestOutcome> processed(String model, String notBuiltBecause) {
            unprocessed.remove(model);
            if (notBuiltBecause != null) {
                notBuilt.put(model, notBuiltBecause);
            }
            List<TestOutcome> outcomes = new ArrayList<>();
            for (Iterator<Map.Entry<DataTest, Set<String>>> it =
                            waiting.entrySet().iterator();
                    it.hasNext(); ) {
                Map.Entry<DataTest, Set<String>> entry = it.next();
                DataTest test = entry.getKey();
                Set<String> reads = entry.getValue();
                if (reads.stream().anyMatch(unprocessed::contains)) {
                    continue;
                }
                it.remove();
                String missing =
                        reads.stream().filter(notBuilt::containsKey).findFirst().orElse(null);
                if (missing != null) {
                    outcomes.add(recordTest(
                            runId,
                            test,
                            Instant.now(),
                            "SKIPPED",
                            null,
                            "model " + missing + " " + notBuilt.get(missing)));
                    continue;
                }
                TestOutcome outcome = check(runId, test, progress);
                outcomes.add(outcome);
                if (test.severity() == DataTest.Severity.ERROR
                        && outcome.failed()
                        && !blocked.containsKey(test.model())) {
                    blocked.put(
                            test.model(),
                            "error-severity test " + test.name() + " " + outcome.status()
                                    + (outcome.failingRows() == null
                                            ? ""
                                            : " with " + outcome.failingRows() + " failing rows"));
                }
            }
            return outcomes;
        }
    }

    private ModelOutcome build(String runId, Instant runStartedAt, SqlModel model, boolean fullRefresh) {
        Instant started = Instant.now();
        String error = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                Built built = materialise(model, runStartedAt, fullRefresh);
                return recordModel(
                        runId, runStartedAt, model, "SUCCESS", built.mode(), started, attempt, built.rows(), null);
            } catch (WarehouseException | IllegalArgumentException e) {
                error = e.getMessage();
                log.warn("Gold model {} failed (attempt {} of {}): {}", model.name(), attempt, maxAttempts, error);
                if (attempt < maxAttempts) {
                    pause(backoff.multipliedBy(1L << (attempt - 1)));
                }
            }
        }
        log.error(
                "Gold model {} failed after {} attempts; its descendants are skipped: {}",
                model.name(),
                maxAttempts,
                error);
        return recordModel(runId, runStartedAt, model, "ERROR", "failed", started, maxAttempts, null, error);
    }

    private record Built(String mode, Long rows) {}

    private Built materialise(SqlModel model, Instant runStartedAt, boolean fullRefresh) {
        String table = model.table();
        boolean exists = exists(model);
        try {
            switch (model.materialization()) {
                case VIEW -> {
                    dropIfKindDiffers(model, QueryEngine.TableType.VIEW);
                    warehouse.execute("create or replace view " + table + " as\n"
                            + renderer.render(model, false, runStartedAt, null));
                    return new Built("view", null);
                }
                case TABLE -> {
                    dropIfKindDiffers(model, QueryEngine.TableType.TABLE);
                    createFromScratch(model, runStartedAt);
                    return new Built("full", count(table));
                }
                default -> {
                    dropIfKindDiffers(model, QueryEngine.TableType.TABLE);
                    String rebuiltRef = exists && !fullRefresh ? refRebuiltSinceLastBuild(model) : null;
                    if (!exists || fullRefresh || rebuiltRef != null) {
                        createFromScratch(model, runStartedAt);
                        resetReplaced(model);
                        return new Built(
                                fullRefresh
                                        ? "full refresh"
                                        : rebuiltRef != null ? "full (" + rebuiltRef + " rebuilt)" : "full (new table)",
                                count(table));
                    }
                    // The changed rows are staged in a table of sales_ops (a BigQuery temp table lives only
                    // inside one script), then swapped in by key in one transaction.
                    String changesName = "gold_changes_" + model.name();
                    String changes = "sales_ops." + changesName;
                    if (columnsChecked.add(model.name())) {
                        // First incremental build of this model in this process: a table written by an
                        // older version of the model (other columns) cannot take the incremental query,
                        // which may read the new columns from {{ this }}: compare with the model's
                        // columns (its full query with no rows) and rebuild it if they differ.
                        warehouse.execute("create or replace table " + changes + " as select * from (\n"
                                + renderer.render(model, false, runStartedAt, null) + "\n) as model_columns limit 0");
                        List<String> expected = warehouse.columns("sales_ops", changesName);
                        warehouse.execute("drop table if exists " + changes);
                        if (!expected.equals(warehouse.columns(SqlModel.GOLD_SCHEMA, model.name()))) {
                            createFromScratch(model, runStartedAt);
                            resetReplaced(model);
                            return new Built("full (columns changed)", count(table));
                        }
                    }
                    warehouse.execute("create or replace table " + changes + " as\n"
                            + renderer.render(model, true, runStartedAt, lastSuccess(model.name())));
                    try {
                        if (!warehouse
                                .columns("sales_ops", changesName)
                                .equals(warehouse.columns(SqlModel.GOLD_SCHEMA, model.name()))) {
                            createFromScratch(model, runStartedAt);
                            resetReplaced(model);
                            return new Built("full (columns changed)", count(table));
                        }
                        String match = String.join(
                                " and ",
                                model.uniqueKey().stream()
                                        .map(k -> "target." + k + " = changed_keys." + k)
                                        .toList());
                        long rows = count(changes);
                        List<String> statements = new ArrayList<>();
                        if (model.keepsReplaced()) {
                            statements.addAll(keepReplaced(model, changes, runStartedAt));
                        }
                        // a key may cover many rows (a day of a daily mart): all of them are replaced
                        statements.add("delete from " + table + " as target where exists (select 1 from " + changes
                                + " as changed_keys where " + match + ")");
                        statements.add("insert into " + table + " select * from " + changes);
                        if (model.deleteWhere() != null) {
                            // groups a delta left empty
                            statements.add("delete from " + table + " as target where (" + model.deleteWhere()
                                    + ") and exists (select 1 from " + changes + " as changed_keys where " + match
                                    + ")");
                        }
                        warehouse.executeAtomically(statements);
                        return new Built("incremental", rows);
                    } finally {
                        warehouse.execute("drop table if exists " + changes);
                    }
                }
            }
        } catch (WarehouseException e) {
            throw new WarehouseException(model.name() + ": " + e.getMessage(), e);
        }
    }

    /** The model's table built from its full rendering, with its layout on the warehouse. */
    private void createFromScratch(SqlModel model, Instant runStartedAt) {
        warehouse.execute("create or replace table " + model.table() + model.tableLayout(dialect) + " as\n"
                + renderer.render(model, false, runStartedAt, null));
    }

    /** After a build from scratch: nothing replaced yet (descendants rebuild from scratch too). */
    private void resetReplaced(SqlModel model) {
        if (model.keepsReplaced()) {
            warehouse.execute("create or replace table " + model.replacedTable() + " as select *, cast(null as"
                    + " timestamp) as _replaced_at from " + model.table() + " where false");
        }
    }

    /**
     * The statements that copy the rows about to be replaced into the model's replaced table, first
     * dropping those every incremental descendant has already seen (replaced before the start of its
     * last build); run in the same transaction as the swap.
     */
    private List<String> keepReplaced(SqlModel model, String changes, Instant runStartedAt) {
        if (!warehouse.tableExists(SqlModel.GOLD_SCHEMA, model.name() + "__replaced")) {
            resetReplaced(model);
        }
        Instant seenByAll = null;
        for (SqlModel descendant : project.modelsInOrder()) {
            if (descendant.refs().contains(model.name())) {
                Instant last = lastSuccess(descendant.name());
                if (last != null && (seenByAll == null || last.isBefore(seenByAll))) {
                    seenByAll = last;
                }
            }
        }
        List<String> statements = new ArrayList<>();
        if (seenByAll != null) {
            statements.add("delete from " + model.replacedTable() + " where _replaced_at <= " + literal(seenByAll));
        }
        statements.add("insert into " + model.replacedTable() + " select replaced.*, " + literal(runStartedAt)
                + " from " + model.table() + " as replaced where exists (select 1 from " + changes
                + " as changed_keys where "
                + String.join(
                        " and ",
                        model.uniqueKey().stream()
                                .map(k -> "replaced." + k + " = changed_keys." + k)
                                .toList())
                + ")");
        return statements;
    }

    /**
     * An incremental ref rebuilt from scratch since this model's last build: every row of it is new
     * (and nothing was kept as replaced), so this model is rebuilt from scratch too.
     */
    private String refRebuiltSinceLastBuild(SqlModel model) {
        Instant last = lastSuccess(model.name());
        for (String ref : new TreeSet<>(model.refs())) {
            if (project.model(ref).materialization() != SqlModel.Materialization.INCREMENTAL) {
                continue;
            }
            Instant rebuilt = lastFullBuilds.get(ref);
            if (rebuilt != null && (last == null || rebuilt.isAfter(last))) {
                return ref;
            }
        }
        return null;
    }

    private void dropIfKindDiffers(SqlModel model, QueryEngine.TableType kind) {
        QueryEngine.TableType existing = warehouse.tableType(SqlModel.GOLD_SCHEMA, model.name());
        if (existing != null && existing != kind) {
            warehouse.execute("drop " + (existing == QueryEngine.TableType.VIEW ? "view " : "table ") + model.table());
        }
    }

    private boolean exists(SqlModel model) {
        return warehouse.tableExists(SqlModel.GOLD_SCHEMA, model.name());
    }

    private long count(String table) {
        return warehouse
                .query("select count(*) from " + table, rows -> rows.getLong(1))
                .get(0);
    }

    /** The start of the run of this model's last successful build: what its rows are stamped with. */
    private Instant lastSuccess(String model) {
        return lastBuilds.get(model);
    }

    private TestOutcome check(String runId, DataTest test, Consumer<String> progress) {
        Instant started = Instant.now();
        TestOutcome outcome;
        try {
            for (String ref : SqlModel.parse(test.name(), test.sql()).refs()) {
                if (!warehouse.tableExists(SqlModel.GOLD_SCHEMA, ref)) {
                    return recordTest(
                            runId,
                            test,
                            started,
                            "SKIPPED",
                            null,
                            "needs model " + ref + ", which is not built yet (select it too, e.g. --select +" + ref
                                    + ")");
                }
            }
            String sql = renderer.renderTest(test.name(), test.sql());
            if ("freshness".equals(test.kind())) {
                outcome = freshness(runId, test, started, sql);
            } else {
                long failing = warehouse
                        .query("select count(*) from (" + sql + ") as failing", rows -> rows.getLong(1))
                        .get(0);
                String status = failing == 0 ? "PASS" : test.severity() == DataTest.Severity.WARN ? "WARN" : "FAIL";
                outcome = recordTest(runId, test, started, status, failing, null);
            }
        } catch (WarehouseException | IllegalArgumentException e) {
            outcome = recordTest(runId, test, started, "ERROR", null, e.getMessage());
        }
        if (!outcome.passed()) {
            progress.accept("  test " + test.name() + " " + outcome.status()
                    + (outcome.failingRows() == null ? "" : " (" + outcome.failingRows() + " rows)")
                    + (outcome.error() == null ? "" : ": " + firstLine(outcome.error())));
        }
        return outcome;
    }

    private TestOutcome freshness(String runId, DataTest test, Instant started, String sql) {
        List<LocalDateTime> latest = warehouse.query(sql, rows -> rows.getObject(1, LocalDateTime.class));
        if (latest.isEmpty() || latest.get(0) == null) {
            return recordTest(runId, test, started, "FAIL", null, "no rows loaded yet");
        }
        Duration age = Duration.between(latest.get(0).toInstant(ZoneOffset.UTC), Instant.now());
        String detail = "latest load " + latest.get(0) + " UTC, " + age.toMinutes() + " min ago";
        if (test.errorAfter() != null && age.compareTo(test.errorAfter()) > 0) {
            return recordTest(runId, test, started, "FAIL", null, detail + " (error after " + test.errorAfter() + ")");
        }
        if (test.warnAfter() != null && age.compareTo(test.warnAfter()) > 0) {
            return recordTest(runId, test, started, "WARN", null, detail + " (warn after " + test.warnAfter() + ")");
        }
        return recordTest(runId, test, started, "PASS", null, null);
    }

    /**
     * Events in the store = sales events in bronze = sales in silver, by count of SalePlacedEvent.
     * Bronze and silver are fed independently, so while events flow they can differ for a moment;
     * the figures are recorded either way and the status says whether they agree.
     */
    private Reconciliation reconcile(String runId) {
        EventStoreCounts counts = eventStore;
        try {
            Long bronze = warehouse.tableExists("sales_bronze", "sales_events")
                    ? warehouse
                            .query(
                                    "select count(distinct event_id) from sales_bronze.sales_events where event_type ="
                                            + " 'SalePlacedEvent'",
                                    r -> r.getLong(1))
                            .get(0)
                    : null;
            Long silver = warehouse.tableExists("sales_silver", "sale_lines")
                    ? warehouse
                            .query("select count(distinct sale_id) from sales_silver.sale_lines", r -> r.getLong(1))
                            .get(0)
                    : null;
            Long store = counts == null ? null : counts.salesPlaced();
            String status = bronze == null || silver == null
                    ? "NOT_RUN"
                    : (store == null || store.equals(bronze)) && bronze.equals(silver) ? "MATCH" : "MISMATCH";
            String detail = store == null ? "event store count not available (no running application)" : null;
            warehouse.execute("insert into sales_ops.gold_reconciliations values ("
                    + String.join(
                            ", ",
                            literal(runId),
                            literal(Instant.now()),
                            literal("sales_placed"),
                            number(store),
                            number(bronze),
                            number(silver),
                            literal(status),
                            literal(detail))
                    + ")");
            return new Reconciliation(store, bronze, silver, status);
        } catch (WarehouseException e) {
            log.warn("Reconciliation could not run: {}", e.getMessage());
            return new Reconciliation(null, null, null, "ERROR");
        }
    }

    private ModelOutcome recordModel(
            String runId,
            Instant runStartedAt,
            SqlModel model,
            String status,
            String mode,
            Instant started,
            int attempts,
            Long rows,
            String error) {
        Instant finished = Instant.now();
        long ms = Duration.between(started, finished).toMillis();
        warehouse.execute("insert into sales_ops.gold_model_runs values ("
                + String.join(
                        ", ",
                        literal(runId),
                        literal(model.name()),
                        literal(model.materialization().name().toLowerCase()),
                        literal(mode),
                        literal(runStartedAt),
                        literal(started),
                        literal(finished),
                        Long.toString(ms),
                        Integer.toString(attempts),
                        literal(status),
                        number(rows),
                        literal(error))
                + ")");
        return new ModelOutcome(model.name(), status, mode, ms, attempts, rows, error);
    }

    private TestOutcome recordTest(
            String runId, DataTest test, Instant started, String status, Long failing, String error) {
        long ms = Duration.between(started, Instant.now()).toMillis();
        warehouse.execute("insert into sales_ops.gold_test_results values ("
                + String.join(
                        ", ",
                        literal(runId),
                        literal(test.name()),
                        literal(test.model()),
                        literal(test.kind()),
                        literal(test.severity().name().toLowerCase()),
                        literal(started),
                        Long.toString(ms),
                        literal(status),
                        number(failing),
                        literal(error))
                + ")");
        return new TestOutcome(test.name(), test.model(), test.severity(), status, failing, error);
    }

    private void recordRun(RunResult result) {
        warehouse.execute("insert into sales_ops.gold_runs values ("
                + String.join(
                        ", ",
                        literal(result.runId()),
                        literal(result.request().trigger()),
                        literal(String.join(" ", result.request().select())),
                        Boolean.toString(result.request().fullRefresh()),
                        Boolean.toString(result.request().build()),
                        literal(result.startedAt()),
                        literal(result.finishedAt()),
                        literal(result.succeeded() ? "SUCCESS" : "FAILED"),
                        Long.toString(result.count("SUCCESS")),
                        Long.toString(result.count("ERROR")),
                        Long.toString(result.count("SKIPPED")),
                        Long.toString(result.tests("PASS")),
                        Long.toString(result.tests("WARN")),
                        Long.toString(result.tests("FAIL") + result.tests("ERROR")))
                + ")");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String number(Long value) {
        return value == null ? "null" : value.toString();
    }

    static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Instant instant) {
            return SqlRenderer.literal(instant);
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    /** What to do: build (or only test) the selected models, incrementally or from scratch. */
    public record Request(String trigger, List<String> select, boolean fullRefresh, boolean build, boolean test) {

        public Request(String trigger, List<String> select, boolean fullRefresh, boolean build) {
            this(trigger, select, fullRefresh, build, true);
        }

        public static Request all(String trigger) {
            return new Request(trigger, List.of(), false, true, true);
        }
    }

    public record ModelOutcome(
            String model, String status, String mode, long durationMs, int attempts, Long rowsAffected, String error) {}

    public record TestOutcome(
            String test, String model, DataTest.Severity severity, String status, Long failingRows, String error) {

        public boolean passed() {
            return "PASS".equals(status);
        }

        public boolean failed() {
            return "FAIL".equals(status) || "ERROR".equals(status);
        }
    }

    public record Reconciliation(Long store, Long bronze, Long silver, String status) {}

    /** What one run did. */
    public record RunResult(
            String runId,
            Instant startedAt,
            Instant finishedAt,
            Request request,
            List<ModelOutcome> models,
            List<TestOutcome> tests,
            Reconciliation reconciliation) {

        public List<String> failedModels() {
            return models.stream()
                    .filter(m -> "ERROR".equals(m.status()))
                    .map(ModelOutcome::model)
                    .toList();
        }

        public List<String> skippedModels() {
            return models.stream()
                    .filter(m -> "SKIPPED".equals(m.status()))
                    .map(ModelOutcome::model)
                    .toList();
        }

        /** Tests that failed or could not run, warnings excluded. */
        public List<String> failedTests() {
            return tests.stream()
                    .filter(t -> "FAIL".equals(t.status()) || "ERROR".equals(t.status()))
                    .map(TestOutcome::test)
                    .toList();
        }

        public List<String> warnedTests() {
            return tests.stream()
                    .filter(t -> "WARN".equals(t.status()))
                    .map(TestOutcome::test)
                    .toList();
        }

        public boolean succeeded() {
            return failedModels().isEmpty()
                    && skippedModels().isEmpty()
                    && failedTests().isEmpty();
        }

        long count(String status) {
            return models.stream().filter(m -> status.equals(m.status())).count();
        }

        long tests(String status) {
            return tests.stream().filter(t -> status.equals(t.status())).count();
        }

        public String summary() {
            return String.format(
                    "Gold run %s: %d models built, %d failed, %d skipped; tests %d passed, %d warned,"
                            + " %d failed; %d ms",
                    runId.substring(0, 8),
                    count("SUCCESS"),
                    count("ERROR"),
                    count("SKIPPED"),
                    tests("PASS"),
                    tests("WARN"),
                    tests("FAIL") + tests("ERROR"),
                    Duration.between(startedAt, finishedAt).toMillis());
        }
    }
}
