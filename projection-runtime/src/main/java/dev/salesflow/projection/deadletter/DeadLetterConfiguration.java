package dev.salesflow.projection.deadletter;

import dev.salesflow.projection.runtime.ProjectionEventHandler;
import java.util.List;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jpa.JpaSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * No event handler logs an error and moves on. Every streaming processing group (the projections)
 * has a sequenced dead-letter queue in the event-store database (Axon's JPA queue, table
 * {@code dead_letter_entry}): an event its handler cannot handle is parked with the events of
 * the same aggregate after it, other aggregates go on, and the retrier tries it again a bounded
 * number of times. Everything else propagates the error and so fails its batch or command: the
 * Pub/Sub relay (its position must not pass an unpublished event) and the subscribing
 * {@code sale-parties} processor (its table changes in the transaction that appends the events).
 */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(DeadLetterProperties.class)
public class DeadLetterConfiguration {

    @Bean
    ConfigurerModule failuresAreDeadLetteredOrPropagated(
            DeadLetterProperties properties,
            EventProcessorProperties processors,
            EntityManagerProvider entityManagerProvider,
            TransactionManager transactionManager,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            List<ProjectionEventHandler> projections) {
        return new ConfigurerModule() {
            @Override
            public void configureModule(org.axonframework.config.Configurer configurer) {
                configurer.eventProcessing(processing -> {
                    processing
                            // Axon's default for handlers is to log and skip.
                            .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                            .registerDefaultErrorHandler(c -> PropagatingErrorHandler.instance())
                            .registerDefaultDeadLetterPolicy(c -> new RetryCountingPolicy())
                            .registerDeadLetterQueueProvider(group -> deadLettered(group, processors, projections)
                                    ? c -> queue(
                                            group,
                                            properties,
                                            entityManagerProvider,
                                            transactionManager,
                                            serializer,
                                            eventSerializer)
                                    : null);
                    // Without this cache every event costs a query "is its aggregate parked?"; one
                    // processor thread owns each group's single segment, so the cache sees every enqueue.
                    for (ProjectionEventHandler handler : projections) {
                        processing.registerDeadLetteringEventHandlerInvokerConfiguration(
                                handler.processingGroup(), (axon, invoker) -> invoker.enableSequenceIdentifierCache());
                    }
                });
            }

            /**
             * After Axon's own module, whose provider (per-processor {@code dlq.enabled}) this one replaces:
             * the last registered provider wins.
             */
            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }

    /** Only a projection's tracking group parks events; the relay and subscribing groups propagate. */
    static boolean deadLettered(
            String group, EventProcessorProperties processors, List<ProjectionEventHandler> projections) {
        EventProcessorProperties.ProcessorSettings settings =
                processors.getProcessors().get(group);
        boolean subscribing = settings != null && settings.getMode() == EventProcessorProperties.Mode.SUBSCRIBING;
        return !subscribing
                && projections.stream()
                        .anyMatch(handler -> handler.processingGroup().equals(group));
    }

    private static SequencedDeadLetterQueue<EventMessage<?>> queue(
            String group,
            DeadLetterProperties properties,
            EntityManagerProvider entityManagerProvider,
            TransactionManager transactionManager,
            Serializer serializer,
            Serializer eventSerializer) {
        return new ReportingDeadLetterQueue(
                group,
                JpaSequencedDeadLetterQueue.<EventMessage<?>>builder()
                        .processingGroup(group)
                        .maxSequences(properties.maxSequences())
                        .maxSequenceSize(properties.maxSequenceSize())
                        .entityManagerProvider(entityManagerProvider)
                        .transactionManager(transactionManager)
                        .eventSerializer(eventSerializer)
                        .genericSerializer(serializer)
                        .build(),
                properties.maxRetries());
    }

    @Bean
    DeadLetters deadLetters(org.axonframework.config.Configuration axon, DeadLetterProperties properties) {
        return new DeadLetters(axon.eventProcessingConfiguration(), properties);
    }

    @Bean
    Retrier deadLetterRetrier(DeadLetters deadLetters) {
        return new Retrier(deadLetters);
    }

    /** Retries the letters that are due, every {@code salesflow.dead-letters.retry-interval}. */
    static final class Retrier {
        private final DeadLetters deadLetters;

        Retrier(DeadLetters deadLetters) {
            this.deadLetters = deadLetters;
        }

        @Scheduled(
                fixedDelayString = "${salesflow.dead-letters.retry-interval:5s}",
                initialDelayString = "${salesflow.dead-letters.retry-interval:5s}")
        void retryDue() {
            deadLetters.retryDue();
        }
    }
}
