package dev.salesflow.app.replay;

import dev.salesflow.projections.support.ProjectionEventHandler;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every {@link ProjectionEventHandler} bean is the handler of its own processing group (and so of
 * its own tracking processor) named after its projection: what the replay stops, moves and restarts.
 */
@Configuration
public class ProjectionProcessors {

    /** Maintenance mode (a replay started from the command line): no processor starts by itself. */
    public static final String MAINTENANCE = "salesflow.replay.maintenance";

    @Bean
    ConfigurerModule projectionProcessingGroups(ObjectProvider<ProjectionEventHandler> handlers,
                                                @Value("${" + MAINTENANCE + ":false}") boolean maintenance) {
        return configurer -> configurer.eventProcessing(processing -> {
            for (ProjectionEventHandler handler : handlers) {
                processing.assignHandlerInstancesMatching(handler.processingGroup(), 100, instance -> instance == handler);
            }
            if (maintenance) {
                processing.registerTrackingEventProcessorConfiguration(
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andAutoStart(false));
            }
        });
    }
}
