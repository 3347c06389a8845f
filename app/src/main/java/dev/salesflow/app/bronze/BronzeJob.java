package dev.salesflow.app.bronze;

import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.bronze.BronzeOptions;
import dev.salesflow.bronze.BronzePipeline;
import dev.salesflow.pubsub.emulator.PubSubEmulator;
import java.io.IOException;
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
    private volatile PipelineResult result;

    public BronzeJob(SalesflowProperties properties, ObjectProvider<PubSubEmulator> emulator) {
        this.properties = properties;
        this.emulator = emulator;
    }

    @Override
    public void start() {
        PubSubEmulator localPubSub = emulator.getIfAvailable();
        if (localPubSub == null) {
            throw new IllegalStateException("The in-process bronze job reads the embedded emulator; with"
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
        result = BronzePipeline.build(options).run();
        log.info("Bronze job running on the DirectRunner: {} (gRPC batches from {}) -> {}",
                options.getSubscription(), options.getPubsubGrpcTarget(), options.getDuckdbFile());
    }

    /**
     * Beam counters by name (e.g. {@code events_written}), each summed over the steps that report
     * it; empty before the job runs. One metrics query serves every counter of a reading.
     */
    public Map<String, Long> counters() {
        PipelineResult running = result;
        if (running == null) {
            return Map.of();
        }
        MetricQueryResults metrics = running.metrics().queryMetrics(MetricsFilter.builder().build());
        Map<String, Long> totals = new HashMap<>();
        for (MetricResult<Long> counter : metrics.getCounters()) {
            totals.merge(counter.getName().getName(), counter.getAttempted(), Long::sum);
        }
        return totals;
    }

    public String state() {
        PipelineResult running = result;
        return running == null ? "NOT STARTED" : running.getState().toString();
    }

    @Override
    public void stop() {
        PipelineResult running = result;
        if (running != null) {
            try {
                running.cancel();
            } catch (IOException | UnsupportedOperationException e) {
                log.warn("The bronze job did not cancel cleanly: {}", e.getMessage());
            }
            result = null;
        }
    }

    @Override
    public boolean isRunning() {
        return result != null;
    }

    /** After the Pub/Sub topology, before Axon: bronze consumes while the relay publishes. */
    @Override
    public int getPhase() {
        return 0;
    }
}
