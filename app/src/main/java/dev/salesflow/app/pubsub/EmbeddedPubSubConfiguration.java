package dev.salesflow.app.pubsub;

import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.pubsub.emulator.EmulatorSettings;
import dev.salesflow.pubsub.emulator.PubSubEmulator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Pub/Sub emulator of the local mode. Spring Cloud GCP reaches it through
 * {@code spring.cloud.gcp.pubsub.emulator-host}; Beam through its REST endpoint.
 */
@Configuration
@ConditionalOnProperty(name = "salesflow.pubsub.emulator.enabled", havingValue = "true", matchIfMissing = true)
public class EmbeddedPubSubConfiguration {

    @Bean(destroyMethod = "close")
    PubSubEmulator pubSubEmulator(SalesflowProperties properties) {
        SalesflowProperties.Emulator emulator = properties.pubsub().emulator();
        return PubSubEmulator.start(new EmulatorSettings(emulator.host(), emulator.grpcPort(), emulator.restPort(),
                EmulatorSettings.DEFAULT_MAX_BACKLOG));
    }
}
