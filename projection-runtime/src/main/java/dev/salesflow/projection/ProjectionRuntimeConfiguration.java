package dev.salesflow.projection;

import dev.salesflow.projection.deadletter.DeadLetterConfiguration;
import dev.salesflow.projection.replay.ProjectionProcessors;
import dev.salesflow.projection.replay.ReplayService;
import dev.salesflow.projection.replay.WarnOfProjectionsWithNewTables;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The projection runtime on Spring: every {@code ProjectionEventHandler} bean in its own tracking
 * group, dead letters, the replay service and the start-up warning of new tables. The application
 * provides the projections and {@link dev.salesflow.projection.replay.ReplaySettings}.
 */
@Configuration
@Import({
    ProjectionProcessors.class,
    DeadLetterConfiguration.class,
    ReplayService.class,
    WarnOfProjectionsWithNewTables.class
})
public class ProjectionRuntimeConfiguration {}
