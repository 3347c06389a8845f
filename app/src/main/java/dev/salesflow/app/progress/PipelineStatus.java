package dev.salesflow.app.progress;

import dev.salesflow.app.bronze.BronzeJob;
import dev.salesflow.app.gold.MartScheduler;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.generation.GeneratorHoldBack;
import dev.salesflow.generation.GeneratorRunner;
import dev.salesflow.gold.ModelRunner;
import dev.salesflow.projection.runtime.ProjectionEventHandler;
import dev.salesflow.projection.runtime.ProjectionLag;
import dev.salesflow.relay.PubSubRelay;
import dev.salesflow.warehouse.Warehouse;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** One reading of every stage's counters, for the progress line and the dashboard. */
@Component
public class PipelineStatus {

    private final ObjectProvider<GeneratorRunner> generator;
    private final EventStoreQueries eventStore;
    private final PubSubRelay relay;
    private final ObjectProvider<BronzeJob> bronzeJob;
    private final Warehouse warehouse;
    private final MartScheduler marts;
    private final ObjectProvider<ProjectionEventHandler> projections;

    public PipelineStatus(
            ObjectProvider<GeneratorRunner> generator,
            EventStoreQueries eventStore,
            PubSubRelay relay,
            ObjectProvider<BronzeJob> bronzeJob,
            Warehouse warehouse,
            MartScheduler marts,
            ObjectProvider<ProjectionEventHandler> projections) {
        this.generator = generator;
        this.eventStore = eventStore;
        this.relay = relay;
        this.bronzeJob = bronzeJob;
        this.warehouse = warehouse;
        this.marts = marts;
        this.projections = projections;
    }

    public Snapshot read() {
        GeneratorRunner runner = generator.getIfAvailable();
        BronzeJob job = bronzeJob.getIfAvailable();
        ModelRunner.RunResult lastRun = marts.lastRun();
        Map<String, Long> beam = job == null ? Map.of() : job.counters();
        GeneratorHoldBack holdBack = runner == null ? GeneratorHoldBack.NONE : runner.holdBack();
        return new Snapshot(
                // Sales stored (every run of this data directory), not this run's generator counter.
                eventStore.countAggregates("Sale"),
                runner == null ? 0 : runner.rejected(),
                generatorState(runner),
                runner == null || runner.failure() == null
                        ? null
                        : runner.failure().describe(),
                eventStore.countEvents(),
                relay.published(),
                countIfPresent("sales_bronze", "sales_events"),
                countIfPresent("sales_bronze", "sales_events_error_records"),
                countIfPresent("sales_silver", "sale_lines"),
                job == null ? "OFF" : job.state(),
                beam.getOrDefault("events_written", 0L),
                beam.getOrDefault("events_duplicates_dropped", 0L),
                beam.getOrDefault("dead_lettered", 0L),
                lastRun == null ? null : lastRun.finishedAt(),
                lastRun == null
                        ? 0
                        : lastRun.failedModels().size() + lastRun.failedTests().size(),
                projectionLag(),
                holdBack.heldBack(),
                holdBack.describe(),
                holdBack.backlog().stage(),
                holdBack.backlog().eventsBehind(),
                holdBack.bound(),
                holdBack.heldTotal().toMillis() / 1000.0,
                holdBack.holds());
    }

    /** OFF (not configured), RUNNING, DONE (ended as planned: count, duration or backfill reached) or FAILED. */
    static String generatorState(GeneratorRunner runner) {
        if (runner == null) {
            return "OFF";
        }
        if (runner.failure() != null) {
            return "FAILED";
        }
        return runner.finished() ? "DONE" : "RUNNING";
    }

    private Map<String, ProjectionLag.Summary> projectionLag() {
        Map<String, ProjectionLag.Summary> lags = new TreeMap<>();
        projections.orderedStream().forEach(handler -> lags.put(handler.processingGroup(), handler.lag()));
        return lags;
    }

    private long countIfPresent(String schema, String table) {
        return warehouse.tableExists(schema, table) ? warehouse.count(schema + "." + table) : 0;
    }

    /**
     * One reading. The generator's backlog bound ({@code salesflow.generator.max-backlog}):
     * {@code generatorHeldBack} whether it waits for the pipeline now and {@code generatorHeldBackReason}
     * why (null when it does not); {@code slowestStage} and {@code slowestStageEventsBehind} its last
     * reading of the stage furthest behind the store (null and 0 when nothing was measured or there is
     * no bound); {@code generatorMaxBacklog} the bound (0 = none); {@code generatorHeldBackSeconds}
     * and {@code generatorHoldBacks} the time and number of times held back in this run.
     */
    public record Snapshot(
            long salesGenerated,
            long commandsRefused,
            String generatorState,
            String generatorFailure,
            long eventsStored,
            long eventsPublished,
            long bronzeRows,
            long deadLetters,
            long silverSaleLines,
            String bronzeJobState,
            long beamLanded,
            long beamDuplicatesDropped,
            long beamDeadLettered,
            Instant lastMartRefresh,
            int martFailures,
            Map<String, ProjectionLag.Summary> projectionLag,
            boolean generatorHeldBack,
            String generatorHeldBackReason,
            String slowestStage,
            long slowestStageEventsBehind,
            long generatorMaxBacklog,
            double generatorHeldBackSeconds,
            long generatorHoldBacks) {

        /** The highest p99 lag of the live projections, event creation to rows written, in milliseconds. */
        public long projectionLagP99Millis() {
            return projectionLag.values().stream()
                    .mapToLong(ProjectionLag.Summary::p99Millis)
                    .max()
                    .orElse(0);
        }
    }
}
