package dev.salesflow.app.silver;

import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.projection.ProjectionRuntimeConfiguration;
import dev.salesflow.projection.replay.ReplaySettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The projection runtime, given the replay's settings. */
@Configuration
@Import(ProjectionRuntimeConfiguration.class)
@EnableConfigurationProperties(ReplayProperties.class)
public class ProjectionWiring {

    @Bean
    ReplaySettings replaySettings(SalesflowProperties properties, ReplayProperties replay) {
        return new ReplaySettings(properties.dataDir(), replay.flushEvery(), replay.cachedAggregates());
    }
}
