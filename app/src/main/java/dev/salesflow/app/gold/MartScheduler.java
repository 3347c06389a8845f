package dev.salesflow.app.gold;

import dev.salesflow.gold.GoldProject;
import dev.salesflow.gold.ModelRunner;
import dev.salesflow.warehouse.Warehouse;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the gold models from silver on a fixed delay and keeps the outcome of the last run.
 * It stops (waiting for a run in progress) before the warehouse closes at shutdown.
 */
@Component
public class MartScheduler implements SmartLifecycle {

    private final ModelRunner runner;
    private final AtomicReference<ModelRunner.RunResult> lastRun = new AtomicReference<>();
    private final Object running = new Object();
    private volatile boolean active;

    public MartScheduler(Warehouse warehouse) {
        this.runner = new ModelRunner(warehouse, GoldProject.load());
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
