package dev.salesflow.app.bronze;

import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.bronze.BronzeOptions;
import dev.salesflow.bronze.BronzePipeline;
import dev.salesflow.bronze.JobSupervisor;
import dev.salesflow.pubsub.emulator.PubSubEmulator;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the bronze Beam job inside the application on the DirectRunner, reading the embedded
 * emulator over plaintext gRPC in batches ({@code --readPath=GRPC_BATCHES}: one Beam element per
 * pull of up to 1,000 messages, each message acked once its row is committed) and landing in the
 * DuckDB warehouse. Beam's PubsubIO over the emulator's REST endpoint managed ~150–330 events/s here
 * (the DirectRunner reads at most 10 elements per bundle); the batch path lands thousands per second
 * (figures in beam-bronze/README.md). On
 * Google Cloud the same pipeline is launched on Dataflow instead (see the README) and this
 * component is switched off ({@code salesflow.bronze.enabled=false}).
 */
@Component
@ConditionalOnProperty(name = "salesflow.bronze.enabled", havingValue = "true", matchIfMissing = true)
public class BronzeJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BronzeJob.class);

    private final SalesflowProperties properties;
    private final ObjectProvider<PubSubEmulator> emulator;
    private final JobSupervisor.Backoff backoff;
    /** Counters of the runs that ended (a restart starts a new job with counters at zero). */
    private final Map<String, Long> endedRuns = new HashMap<>();

    private volatile JobSupervisor supervisor;

    @Autowired
    public BronzeJob(SalesflowProperties properties, ObjectProvider<PubSubEmulator> emulator) {
        this(properties, emulator, JobSupervisor.Backoff.standard());
    }

    /** @param backoff how failed runs are restarted (tests shorten it) */
    BronzeJob(SalesflowProperties properties, ObjectProvider<PubSubEmulator> emulator, JobSupervisor.Backoff backoff) {
        this.properties = properties;
        this.emulator = emulator;
        this.backoff = backoff;
    }

    /**
     * Starts the job and keeps it running: a run that fails (on the DirectRunner one failed bundle
     * ends the job, e.g. when the warehouse takes no write) is started again after 1 s, 2 s, 4 s … up to
     * 60 s; after 8 failed restarts in a row it stays {@code FAILED} (see {@link #health()}). Messages
     * of a failed run were not acked and are delivered again.
     */
    @Override
    public void start() {
        JobSupervisor job = new JobSupervisor("bronze job", this::run, this::keepCounters, backoff);
        job.start();
        supervisor = job;
    }

    private PipelineResult run() {
        PubSubEmulator localPubSub = emulator.getIfAvailable();
        if (localPubSub == null) {
            throw new IllegalStateException(
                    "The in-process bronze job reads the embedded emulator; with"
                            + " salesflow.pubsub.emulator.enabled=false run it on Dataflow and set salesflow.bronze.enabled=false");
        }
        BronzeOptions options = PipelineOptionsFactory.create().as(BronzeOptions.class);
        options.setRunner(DirectRunner.class);
        options.setAppName("salesflow-bronze");
        options.setProject(properties.pubsub().projectId());
        options.setSubscription(properties.pubsub().subscriptionPath());
        options.setSink(BronzeOptions.Sink.DUCKDB);
        options.setDuckdbFile(properties.warehouseFile().toString());
        options.setReadPath(BronzeOptions.ReadPath.GRPC_BATCHES);
        options.setPubsubGrpcTarget(localPubSub.grpcTarget());
        // Kept so that --readPath=PUBSUB_IO (Beam's REST client) would also find the emulator.
        options.setPubsubRootUrl(localPubSub.restUrl());
        options.setCredentialFactoryClass(NoopCredentialFactory.class);
        DirectOptions direct = options.as(DirectOptions.class);
        direct.setBlockOnRun(false);
        direct.setTargetParallelism(properties.bronze().parallelism());
        // Test-time checks that encode every element between steps: off in the running application.
        direct.setEnforceImmutability(false);
        direct.setEnforceEncodability(false);
        PipelineResult result = BronzePipeline.build(options).run();
        log.info(
                "Bronze job running on the DirectRunner: {} (gRPC batches from {}) -> {}",
                options.getSubscription(),
                options.getPubsubGrpcTarget(),
                options.getDuckdbFile());
        return result;
    }

    private void keepCounters(PipelineResult ended) {
        Map<String, Long> counted = counters(ended);
        synchronized (endedRuns) {
            counted.forEach((name, value) -> endedRuns.merge(name, value, Long::sum));
        }
    }

    /**
     * Whether the job runs, is being restarted (with the attempt and the error that ended the last run)
     * or has been given up; for the application's status and health. {@code STOPPED} before start.
     */
    public JobSupervisor.Health health() {
        JobSupervisor job = supervisor;
        return job == null
                ? new JobSupervisor.Health(
                        JobSupervisor.Phase.STOPPED, 0, backoff.maxAttempts(), null, java.time.Instant.now())
                : job.health();
    }

    /**
     * Beam counters by name (e.g. {@code events_written}), each summed over the steps that report
     * it; empty before the job runs. One metrics query serves every counter of a reading.
     */
    public Map<String, Long> counters() {
        JobSupervisor job = supervisor;
        PipelineResult running = job == null ? null : job.current();
        // A run that has ended is counted in endedRuns (once the supervisor has seen it end).
        boolean live = running != null && !running.getState().isTerminal();
        Map<String, Long> totals = live ? counters(running) : new HashMap<>();
        synchronized (endedRuns) {
            endedRuns.forEach((name, value) -> totals.merge(name, value, Long::sum));
        }
        return totals;
    }

    private static Map<String, Long> counters(PipelineResult run) {
        Map<String, Long> totals = new HashMap<>();
        try {
            MetricQueryResults metrics =
                    run.metrics().queryMetrics(MetricsFilter.builder().build());
            for (MetricResult<Long> counter : metrics.getCounters()) {
                totals.merge(counter.getName().getName(), counter.getAttempted(), Long::sum);
            }
        } catch (RuntimeException e) {
            log.debug("No counters from the bronze run: {}", e.toString());
        }
        return totals;
    }

    /** For the status line: {@code NOT STARTED}, {@code RUNNING}, {@code RESTARTING (attempt 2 of 8, …)}, … */
    public String state() {
        return supervisor == null ? "NOT STARTED" : health().describe();
    }

    @Override
    public void stop() {
        JobSupervisor job = supervisor;
        if (job != null) {
            job.stop();
            supervisor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return supervisor != null;
    }

    /** After the Pub/Sub topology, before Axon: bronze consumes while the relay publishes. */
    @Override
    public int getPhase() {
        return 0;
    }
}
