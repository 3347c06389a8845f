package dev.salesflow.app.replay;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.spring.core.GcpProjectIdProvider;
import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.projection.replay.ProjectionProcessors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Maintenance mode runs without the embedded Pub/Sub emulator (nothing is published: the relay
 * does not start), yet Spring Cloud GCP still builds its clients, which want a project id and
 * credentials: the ones the emulator's configuration would give.
 */
@Configuration
@ConditionalOnProperty(name = ProjectionProcessors.MAINTENANCE, havingValue = "true")
public class MaintenancePubSub {

    @Bean
    @ConditionalOnProperty(name = "salesflow.pubsub.emulator.enabled", havingValue = "false")
    GcpProjectIdProvider maintenanceProjectId(SalesflowProperties properties) {
        return () -> properties.pubsub().projectId();
    }

    @Bean
    @ConditionalOnProperty(name = "salesflow.pubsub.emulator.enabled", havingValue = "false")
    CredentialsProvider maintenanceCredentials() {
        return NoCredentialsProvider.create();
    }
}
