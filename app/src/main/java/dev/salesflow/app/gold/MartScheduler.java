package dev.salesflow.app.gold;

import dev.salesflow.gold.GoldProject;
import dev.salesflow.gold.ModelRunner;
import dev.salesflow.warehouse.Warehouse;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Rebuilds the gold models from silver on a fixed delay and keeps the outcome of the last run. */
@Component
public class MartScheduler {

    private final ModelRunner runner;
    private final AtomicReference<ModelRunner.RunResult> lastRun = new AtomicReference<>();

    public MartScheduler(Warehouse warehouse) {
        this.runner = new ModelRunner(warehouse, GoldProject.load());
    }

    @Scheduled(fixedDelayString = "${salesflow.marts.refresh-interval:5s}",
            initialDelayString = "${salesflow.marts.refresh-interval:5s}")
    public void refresh() {
        lastRun.set(runner.run());
    }

    public ModelRunner.RunResult lastRun() {
        return lastRun.get();
    }
}
