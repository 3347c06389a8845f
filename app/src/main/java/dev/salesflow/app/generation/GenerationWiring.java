package dev.salesflow.app.generation;

import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.app.bronze.BronzeJob;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.generation.GeneratorRunner;
import dev.salesflow.generation.PipelineBacklog;
import dev.salesflow.generation.SeedLock;
import dev.salesflow.relay.PubSubRelay;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The generator, run live through the command gateway, with its settings and data directory. */
@Configuration
public class GenerationWiring {

    /** Business time of live generation: now, in UTC. Tests replace it with a stepping clock. */
    @Bean
    Clock businessClock() {
        return Clock.systemUTC();
    }

    @Bean
    SeedLock seedLock(SalesflowProperties properties) {
        return new SeedLock(properties.dataDir());
    }

    @Bean
    @ConditionalOnProperty(name = "salesflow.generator.enabled", havingValue = "true", matchIfMissing = true)
    GeneratorRunner generatorRunner(
            SalesflowProperties properties,
            CommandGateway commands,
            EventStoreQueries eventStore,
            SeedLock seedLock,
            Clock businessClock,
            BackfillExit backfillExit,
            PipelineBacklog pipelineBacklog) {
        GeneratorRunner runner = new GeneratorRunner(
                properties.generator(), commands, eventStore, seedLock, businessClock, pipelineBacklog);
        runner.onFailure(backfillExit::generatorFailed);
        return runner;
    }

    /** What the generator's backlog bound reads: the tracking processors and the bronze job. */
    @Bean
    PipelineBacklog pipelineBacklog(
            ObjectProvider<EventProcessingConfiguration> processing,
            ObjectProvider<EventStore> axonEventStore,
            ObjectProvider<PubSubRelay> relay,
            ObjectProvider<BronzeJob> bronzeJob) {
        return new StageBacklog(processing, axonEventStore, relay, bronzeJob);
    }

    @Bean
    BackfillExit backfillExit(ObjectProvider<BackfillExit.ProcessExit> exit) {
        return new BackfillExit(exit);
    }
}
