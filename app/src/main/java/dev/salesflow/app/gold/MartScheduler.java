package dev.salesflow.app.gold;

import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.eventstore.lifecycle.Phase;
import dev.salesflow.eventstore.lifecycle.PhasedLifecycle;
import dev.salesflow.gold.GoldProject;
import dev.salesflow.gold.ModelRunner;
import dev.salesflow.warehouse.engine.QueryEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refreshes the gold models on a fixed delay (incrementally: each run reads only what changed in
 * silver since the last) and on demand ({@link MartsController}), and keeps the outcome of the
 * last run. Data tests run with the models at most once per {@code salesflow.marts.test-interval}
 * (default 1 min): with many tests over a large fact, testing every few seconds would take the
 * cores the pipeline needs; the first tests come one interval after start, so that the runs of the
 * first minute (which bring the first sales to the dashboard) only build. It stops (waiting for a
 * run in progress) before the warehouse closes.
 *
 * <p>The first sales: a scheduled run that starts just before the first sale lines reach silver
 * (about 4 s after start on an empty data directory) would leave them off the dashboard until the
 * run after it, a refresh interval later. So until a run has seen sales in silver, silver is
 * polled every half second and the marts are built as soon as it holds a sale, the KPIs' models
 * first ({@code salesflow.marts.first-sales-trigger}); the scheduled runs before that wait (for at most
 * {@link #EMPTY_SILVER_PATIENCE}), so that they do not hold the cores or the run lock then.
 */
@Component
public class MartScheduler extends PhasedLifecycle {

    private final ModelRunner runner;
    private final AtomicReference<ModelRunner.RunResult> lastRun = new AtomicReference<>();
    private final Object running = new Object();
    private final Duration testInterval;
    private final QueryEngine warehouse;
    private final boolean firstSalesTrigger;
    private boolean active;
    private Instant lastTested = Instant.EPOCH;
    private Instant startedAt = Instant.EPOCH;
    /** A run has seen sale lines in silver (or the trigger is off): from then on only the schedule runs. */
    private volatile boolean salesSeen;

    /**
     * What the dashboard's headline figures (KPIs, revenue by country) read, with everything they are
     * built from, and the small dimensions the filters and panel labels join.
     */
    public static final String FIRST_VIEW =
            "+mart_sales_by_country_daily +dim_channel +dim_payment_method +dim_currency";

    /** How long scheduled runs wait for the first sales before building the (empty) marts anyway. */
    static final Duration EMPTY_SILVER_PATIENCE = Duration.ofSeconds(30);

    public MartScheduler(
            QueryEngine warehouse, ObjectProvider<EventStoreQueries> eventStore, SalesflowProperties settings) {
        super(Phase.MARTS);
        this.runner = new ModelRunner(warehouse, GoldProject.load());
        this.testInterval = settings.marts().testInterval();
        this.warehouse = warehouse;
        this.firstSalesTrigger = settings.marts().firstSalesTrigger();
        EventStoreQueries queries = eventStore.getIfAvailable();
        if (queries != null) {
            runner.setEventStoreCounts(() -> queries.countAggregates("Sale"));
        }
    }

    @Scheduled(
            fixedDelayString = "${salesflow.marts.refresh-interval:5s}",
            initialDelayString = "${salesflow.marts.refresh-interval:5s}")
    public void refresh() {
        boolean waitingForFirstSales =
                firstSalesTrigger && !salesSeen && Instant.now().isBefore(startedAt.plus(EMPTY_SILVER_PATIENCE));
        if (waitingForFirstSales) {
            return;
        }
        synchronized (running) {
            if (active) {
                boolean test = !Instant.now().isBefore(lastTested.plus(testInterval));
                lastRun.set(runner.run(new ModelRunner.Request("schedule", List.of(), false, true, test), line -> {}));
                if (test) {
                    lastTested = Instant.now();
                }
            }
        }
    }

    /** Until a run has seen sales: builds the marts as soon as silver holds its first sale line. */
    @Scheduled(fixedDelay = 500, initialDelay = 500)
    public void refreshOnFirstSales() {
        if (!firstSalesTrigger || salesSeen || !silverHasSales()) {
            return;
        }
        synchronized (running) {
            if (active && !salesSeen) {
                // The KPIs' models first (a third of the project), then the rest: the headline figures
                // do not wait for every mart; the panels say "not built yet" until theirs is there.
                runner.run(new ModelRunner.Request("first sales", List.of(FIRST_VIEW), false, true, false), line -> {});
                lastRun.set(
                        runner.run(new ModelRunner.Request("first sales", List.of(), false, true, false), line -> {}));
                salesSeen = true;
            }
        }
    }

    private boolean silverHasSales() {
        return warehouse.tableExists("sales_silver", "sale_lines")
                && !warehouse
                        .query("select 1 from sales_silver.sale_lines limit 1", row -> row.value(1))
                        .isEmpty();
    }

    /** A run asked for by hand (marts run / marts test); waits for a scheduled run in progress. */
    public ModelRunner.RunResult runNow(ModelRunner.Request request, Consumer<String> progress) {
        synchronized (running) {
            if (!active) {
                throw new IllegalStateException("the application is stopping; run the command again once it is"
                        + " stopped (it then opens the warehouse file itself)");
            }
            ModelRunner.RunResult result = runner.run(request, progress);
            lastRun.set(result);
            return result;
        }
    }

    public GoldProject project() {
        return runner.project();
    }

    public ModelRunner.RunResult lastRun() {
        return lastRun.get();
    }

    @Override
    protected void onStart() {
        synchronized (running) {
            active = true;
            lastTested = Instant.now();
            startedAt = Instant.now();
        }
    }

    @Override
    protected void onStop() {
        synchronized (running) {
            active = false;
        }
    }
}
