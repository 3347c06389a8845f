package dev.salesflow.app.health;

import dev.salesflow.app.gold.MartScheduler;
import dev.salesflow.app.progress.PipelineStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The pipeline's counters as Micrometer gauges (and so in /actuator/prometheus): events per stage,
 * the Beam job's counters as the progress line reads them, each projection's row lag, and the last
 * mart run. One PipelineStatus reading serves a whole scrape (it queries the event store and the
 * warehouse), re-read when older than a second.
 */
@Component
public class PipelineMetrics implements MeterBinder {

    private static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final PipelineStatus status;
    private final MartScheduler marts;
    private volatile PipelineStatus.Snapshot cached;
    private volatile long readAt;

    public PipelineMetrics(PipelineStatus status, MartScheduler marts) {
        this.status = status;
        this.marts = marts;
    }

    PipelineStatus.Snapshot snapshot() {
        long now = System.nanoTime();
        PipelineStatus.Snapshot snapshot = cached;
        if (snapshot == null || now - readAt > MAX_AGE_NANOS) {
            synchronized (this) {
                if (cached == null || System.nanoTime() - readAt > MAX_AGE_NANOS) {
                    cached = status.read();
                    readAt = System.nanoTime();
                }
                snapshot = cached;
            }
        }
        return snapshot;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        stage(registry, "sales", PipelineStatus.Snapshot::salesGenerated, "sales stored in the event store");
        stage(registry, "stored", PipelineStatus.Snapshot::eventsStored, "events in the event store");
        stage(registry, "published", PipelineStatus.Snapshot::eventsPublished, "events the relay published (this run)");
        stage(registry, "bronze", PipelineStatus.Snapshot::bronzeRows, "rows in sales_bronze.sales_events");
        stage(
                registry,
                "dead_letters",
                PipelineStatus.Snapshot::deadLetters,
                "rows in sales_bronze.sales_events_error_records");
        stage(
                registry,
                "silver_sale_lines",
                PipelineStatus.Snapshot::silverSaleLines,
                "rows in sales_silver.sale_lines");
        beam(registry, "events_written", PipelineStatus.Snapshot::beamLanded);
        beam(registry, "events_duplicates_dropped", PipelineStatus.Snapshot::beamDuplicatesDropped);
        beam(registry, "dead_lettered", PipelineStatus.Snapshot::beamDeadLettered);
        Gauge.builder("salesflow.projection.lag.p99", this, m -> m.snapshot().projectionLagP99Millis() / 1000.0)
                .description("highest p99 of the projections' lag, event creation to rows written")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("salesflow.generator.held.back", this, m -> m.snapshot().generatorHeldBack() ? 1 : 0)
                .description("1 while the generator waits for the pipeline's backlog (salesflow.generator.max-backlog)")
                .register(registry);
        Gauge.builder(
                        "salesflow.generator.held.back.time",
                        this,
                        m -> m.snapshot().generatorHeldBackSeconds())
                .description("time the generator waited for the pipeline's backlog in this run")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("salesflow.pipeline.backlog", this, m -> m.snapshot().slowestStageEventsBehind())
                .description("events the slowest stage is behind the event store, as the generator last read it")
                .baseUnit("events")
                .register(registry);
        Gauge.builder("salesflow.marts.last.run.age", this, m -> {
                    var last = marts.lastRun();
                    return last == null
                            ? Double.NaN
                            : Duration.between(last.finishedAt(), Instant.now()).toMillis() / 1000.0;
                })
                .description("time since the last gold run finished")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder(
                        "salesflow.marts.last.run.failures",
                        this,
                        m -> m.snapshot().martFailures())
                .description("models and data tests that failed in the last gold run")
                .register(registry);
    }

    private void beam(MeterRegistry registry, String counter, ToDoubleFunction<PipelineStatus.Snapshot> value) {
        Gauge.builder("salesflow.beam.counter", this, m -> value.applyAsDouble(m.snapshot()))
                .description("a counter of the bronze Beam job, as the progress line reads it (this run)")
                .tag("name", counter)
                .register(registry);
    }

    private void stage(
            MeterRegistry registry, String stage, ToDoubleFunction<PipelineStatus.Snapshot> value, String description) {
        Gauge.builder("salesflow.pipeline.events", this, m -> value.applyAsDouble(m.snapshot()))
                .description(description)
                .tag("stage", stage)
                .register(registry);
    }
}
