package dev.salesflow.app.gold;

import dev.salesflow.app.eventstore.EventStoreQueries;
import dev.salesflow.gold.GoldProject;
import dev.salesflow.gold.ModelRunner;
import dev.salesflow.warehouse.Warehouse;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refreshes the gold models on a fixed delay (incrementally: each run reads only what changed in
 * silver since the last) and on demand ({@link MartsController}), and keeps the outcome of the
 * last run. It stops (waiting for a run in progress) before the warehouse closes at shutdown.
 */
@Component
public class MartScheduler implements SmartLifecycle {

    private final ModelRunner runner;
    private final AtomicReference<ModelRunner.RunResult> lastRun = new AtomicReference<>();
    private final Object running = new Object();
    private volatile boolean active;

    public MartScheduler(Warehouse warehouse, ObjectProvider<EventStoreQueries> eventStore) {
        this.runner = new ModelRunner(warehouse, GoldProject.load());
        EventStoreQueries queries = eventStore.getIfAvailable();
        if (queries != null) {
            runner.setEventStoreCounts(() -> queries.countAggregates("Sale"));
        }
    }

    @Scheduled(fixedDelayString = "${salesflow.marts.refresh-interval:5s}",
            initialDelayString = "${salesflow.marts.refresh-interval:5s}")
    public void refresh() {
        synchronized (running) {
            if (active) {
                lastRun.set(runner.run());
            }
        }
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
    public void start() {
        active = true;
    }

    @Override
    public void stop() {
        synchronized (running) {
            active = false;
        }
    }

    @Override
    public boolean isRunning() {
        return active;
    }
}
