package dev.salesflow.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.spring.core.GcpProjectIdProvider;
import com.google.cloud.spring.pubsub.PubSubAdmin;
import com.google.cloud.spring.pubsub.support.PubSubTopicUtils;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.eventstore.lifecycle.Phase;
import java.io.IOException;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ExecutorConfigurationSupport;

/**
 * The relay and what it needs from its surroundings to keep its promise: nothing skipped, drained
 * on stop, and after a crash every stored event that bronze lacks published again. The
 * application provides {@link RelaySettings} and bronze's answer to {@link LandedEvents}.
 */
@Configuration
public class RelayConfiguration {

    /** Spring Cloud GCP's bean that runs the Pub/Sub publisher's batching and callbacks. */
    static final String PUBLISHER_EXECUTOR = "pubsubPublisherThreadPool";

    private static final int MISSING_EVENTS_PAGE = 10_000;

    @Bean
    EventEnvelopes eventEnvelopes(ObjectMapper json) {
        return new EventEnvelopes(json);
    }

    /**
     * The relay's publisher: the client library's lower-level stub, built from the settings Spring
     * Cloud GCP gives its topic admin client (emulator channel or Google's endpoint, credentials,
     * headers), so the {@code gcp} profile still works by configuration alone.
     */
    @Bean(destroyMethod = "close")
    BatchPublisher relayPublisher(
            TopicAdminSettings topicAdminSettings, GcpProjectIdProvider projectId, RelaySettings settings)
            throws IOException {
        return new BatchPublisher(
                PublisherStubs.create(topicAdminSettings, PubSubRelay.CONFIRM_TIMEOUT),
                PubSubTopicUtils.toTopicName(settings.topic(), projectId.getProjectId())
                        .toString());
    }

    @Bean
    PubSubRelay pubSubRelay(BatchPublisher relayPublisher, EventEnvelopes envelopes) {
        return new PubSubRelay(relayPublisher, envelopes);
    }

    @Bean
    PubSubTopology pubSubTopology(PubSubAdmin admin, RelaySettings settings) {
        return new PubSubTopology(admin, settings);
    }

    @Bean
    MissingEvents missingEvents(EventStoreQueries queries, LandedEvents landed) {
        return new MissingEvents(queries::eventIdsAfter, landed, MISSING_EVENTS_PAGE);
    }

    /**
     * Only with the embedded emulator, whose messages die with the process. Cloud Pub/Sub keeps what
     * it confirmed (the relay moves on only after confirmation), and bronze then lands on Dataflow,
     * out of this process's sight.
     */
    @Bean
    @ConditionalOnProperty(name = "salesflow.pubsub.emulator.enabled", havingValue = "true", matchIfMissing = true)
    DrainOnShutdown drainOnShutdown(MissingEvents missing, RelaySettings settings) {
        return new DrainOnShutdown(missing, settings.drainTimeout());
    }

    /** Only with the embedded emulator, which loses what it held when the process stopped. */
    @Bean
    @ConditionalOnProperty(name = "salesflow.pubsub.emulator.enabled", havingValue = "true", matchIfMissing = true)
    RepublishMissingEvents republishMissingEvents(MissingEvents missing, EventStore eventStore, PubSubRelay relay) {
        return new RepublishMissingEvents(missing, eventStore, relay);
    }

    /**
     * A failed publish must not be logged and skipped (Axon's default for event handlers), or the
     * relay's position would move past an event Pub/Sub never confirmed: the batch fails and the
     * processor retries it.
     */
    @Bean
    ConfigurerModule relayFailuresAreRetried() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerListenerInvocationErrorHandler(
                PubSubRelay.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance()));
    }

    /**
     * Since Spring 6.1 an executor refuses new tasks as soon as the context starts closing, before
     * any bean stops. Spring Cloud GCP's publisher executor (its {@code PubSubTemplate}; the relay
     * itself publishes through {@link BatchPublisher}) would then reject publishes made while the
     * application drains, and leave their confirmations pending forever. It keeps accepting tasks
     * until its own, late, lifecycle phase (below Axon's processors).
     */
    @Bean
    static BeanPostProcessor publisherExecutorOutlivesTheRelay() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (PUBLISHER_EXECUTOR.equals(beanName) && bean instanceof ExecutorConfigurationSupport executor) {
                    executor.setAcceptTasksAfterContextClose(true);
                    executor.setPhase(Phase.PUBLISHER_EXECUTOR.value());
                }
                return bean;
            }
        };
    }
}
