package dev.salesflow.app.relay;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ExecutorConfigurationSupport;

/** What the relay needs from its surroundings to keep its promise: nothing skipped, drained on stop. */
@Configuration
public class RelayConfiguration {

    /** Spring Cloud GCP's bean that runs the Pub/Sub publisher's batching and callbacks. */
    static final String PUBLISHER_EXECUTOR = "pubsubPublisherThreadPool";

    /**
     * Below Axon's processors (which stop at Integer.MAX_VALUE - 3072 and after the drain on
     * shutdown): the publisher keeps working until the relay has stopped.
     */
    static final int PUBLISHER_EXECUTOR_PHASE = Integer.MAX_VALUE - 4096;

    /**
     * A failed publish must not be logged and skipped (Axon's default for event handlers), or the
     * relay's position would move past an event Pub/Sub never confirmed: the batch fails and the
     * processor retries it.
     */
    @Bean
    ConfigurerModule relayFailuresAreRetried() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(PubSubRelay.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }

    /**
     * Since Spring 6.1 an executor refuses new tasks as soon as the context starts closing, before
     * any bean stops. The publisher's executor would then reject the relay's last publishes while
     * the application drains to bronze, and leave their confirmations pending forever. It keeps
     * accepting tasks until its own, late, lifecycle phase.
     */
    @Bean
    static BeanPostProcessor publisherExecutorOutlivesTheRelay() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (PUBLISHER_EXECUTOR.equals(beanName) && bean instanceof ExecutorConfigurationSupport executor) {
                    executor.setAcceptTasksAfterContextClose(true);
                    executor.setPhase(PUBLISHER_EXECUTOR_PHASE);
                }
                return bean;
            }
        };
    }
}
