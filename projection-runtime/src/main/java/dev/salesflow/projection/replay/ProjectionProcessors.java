package dev.salesflow.projection.replay;

import dev.salesflow.projection.runtime.ProjectionEventHandler;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Every {@link ProjectionEventHandler} bean is the handler of its own processing group (and so of
 * its own tracking processor), the one its projection's {@code @ProcessingGroup} names: what the
 * replay stops, moves and restarts. In maintenance mode no tracking processor starts by itself.
 */
@Configuration
public class ProjectionProcessors {

    /** Maintenance mode (a replay started from the command line, the replay benchmark). */
    public static final String MAINTENANCE = "salesflow.replay.maintenance";

    @Bean
    ConfigurerModule projectionProcessingGroups(@Value("${" + MAINTENANCE + ":false}") boolean maintenance) {
        return configurer -> configurer.eventProcessing(processing -> {
            assignGroups(processing);
            if (maintenance) {
                processing.registerTrackingEventProcessorConfiguration(
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andAutoStart(false));
            }
        });
    }

    /**
     * A {@link ProjectionEventHandler} goes to the processing group its projection's class names with
     * {@code @ProcessingGroup}. Axon reads that annotation from the class of the object registered with
     * it, which for every projection is the runtime's handler; so the one default rule reads it from the
     * projection it runs. Any other handler without {@code @ProcessingGroup} keeps Axon's default (its
     * package name).
     */
    public static void assignGroups(EventProcessingConfigurer processing) {
        processing.byDefaultAssignHandlerInstancesTo(handler -> handler instanceof ProjectionEventHandler projection
                ? projection.processingGroup()
                : handler.getClass().getName().replace("." + handler.getClass().getSimpleName(), ""));
    }

    /**
     * In maintenance mode, tracking processors configured in properties ({@code
     * axon.eventhandling.processors.NAME}) are left to the default configuration above, which does not
     * start them: Axon registers a processor once, with the settings of its properties if it has any.
     */
    @Bean
    static BeanPostProcessor maintenanceKeepsTrackingProcessorsStopped(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof EventProcessorProperties properties
                        && environment.getProperty(MAINTENANCE, Boolean.class, false)) {
                    properties
                            .getProcessors()
                            .values()
                            .removeIf(settings -> settings.getMode() == EventProcessorProperties.Mode.TRACKING);
                }
                return bean;
            }
        };
    }
}
