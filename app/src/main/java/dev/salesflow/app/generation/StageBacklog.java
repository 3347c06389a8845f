package dev.salesflow.app.generation;

import dev.salesflow.app.bronze.BronzeJob;
import dev.salesflow.app.health.ProcessorPositions;
import dev.salesflow.bronze.JobSupervisor;
import dev.salesflow.generation.PipelineBacklog;
import dev.salesflow.relay.PubSubRelay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;

/**
 * How far the stages after the event store are behind it, for the generator's backlog bound
 * ({@code salesflow.generator.max-backlog}); read about every 100 ms, so from memory plus one
 * query for the store's head:
 *
 * <ul>
 *   <li>each streaming (tracking) processor, the relay and the projections: the store's head global
 *       index minus the lowest position of its segments, as {@code /actuator/health} reports
 *       {@code eventsBehind}. A processor that is shut down (a replay switches it off, maintenance
 *       mode) does not count; one in error does, and is said to be: the generator must not run away
 *       while a projection is stuck;
 *   <li>the bronze job: events the relay published in this run minus those Beam landed, dropped as
 *       duplicates or dead-lettered. Not counted when the job is not configured (Google Cloud:
 *       Dataflow has its own scaling) or stopped; counted, and said, while it restarts or has given up.
 * </ul>
 */
public class StageBacklog implements PipelineBacklog {

    /** Name of the bronze stage in readings. */
    public static final String BRONZE = "bronze";

    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<EventStore> eventStore;
    private final ObjectProvider<PubSubRelay> relay;
    private final ObjectProvider<BronzeJob> bronzeJob;

    public StageBacklog(
            ObjectProvider<EventProcessingConfiguration> processing,
            ObjectProvider<EventStore> eventStore,
            ObjectProvider<PubSubRelay> relay,
            ObjectProvider<BronzeJob> bronzeJob) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.relay = relay;
        this.bronzeJob = bronzeJob;
    }

    @Override
    public Backlog current() {
        List<Backlog> stages = new ArrayList<>();
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        if (configuration != null) {
            Long head = null;
            for (Map.Entry<String, EventProcessor> processor :
                    configuration.eventProcessors().entrySet()) {
                if (!(processor.getValue() instanceof StreamingEventProcessor streaming)) {
                    continue; // subscribing processors run inside the command's own transaction
                }
                boolean error = streaming.isError();
                if (!streaming.isRunning() && !error) {
                    continue;
                }
                Long position = ProcessorPositions.lowest(streaming);
                if (position == null) {
                    continue; // no segment claimed yet
                }
                if (head == null) {
                    head = ProcessorPositions.head(eventStore.getIfAvailable());
                    if (head == null) {
                        break;
                    }
                }
                stages.add(new Backlog(Math.max(0, head - position), processor.getKey(), error ? "in error" : null));
            }
        }
        BronzeJob job = bronzeJob.getIfAvailable();
        PubSubRelay published = relay.getIfAvailable();
        if (job != null && published != null) {
            JobSupervisor.Health health = job.health();
            if (health.phase() != JobSupervisor.Phase.STOPPED) {
                stages.add(bronze(
                        published.published(),
                        job.counters(),
                        health.phase() == JobSupervisor.Phase.RUNNING
                                ? null
                                : health.phase().name().toLowerCase(Locale.ROOT)));
            }
        }
        return slowest(stages);
    }

    /**
     * Bronze's backlog from the relay's and Beam's counters of this run. Never below zero: after a
     * crash the relay publishes missing events again outside its counter, and Beam counts them.
     */
    static Backlog bronze(long published, Map<String, Long> beamCounters, String problem) {
        long handled = beamCounters.getOrDefault("events_written", 0L)
                + beamCounters.getOrDefault("events_duplicates_dropped", 0L)
                + beamCounters.getOrDefault("dead_lettered", 0L);
        return new Backlog(Math.max(0, published - handled), BRONZE, problem);
    }

    /** The stage furthest behind (on a tie, one with a problem); unmeasured if there is none. */
    static Backlog slowest(List<Backlog> stages) {
        return stages.stream()
                .max(Comparator.comparingLong(Backlog::eventsBehind).thenComparing(stage -> stage.problem() != null))
                .orElse(Backlog.UNMEASURED);
    }
}
