package dev.salesflow.app.relay;

import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.app.bronze.BronzeLandedEvents;
import dev.salesflow.relay.LandedEvents;
import dev.salesflow.relay.RelayConfiguration;
import dev.salesflow.relay.RelaySettings;
import dev.salesflow.warehouse.DuckDbWarehouse;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The relay stage, given its settings and bronze's answer to "which events have landed". */
@Configuration
@Import(RelayConfiguration.class)
@EnableConfigurationProperties(ShutdownProperties.class)
public class RelayWiring {

    @Bean
    RelaySettings relaySettings(SalesflowProperties properties, ShutdownProperties shutdown) {
        SalesflowProperties.PubSub pubsub = properties.pubsub();
        return new RelaySettings(
                pubsub.topic(), pubsub.subscription(), pubsub.createMissing(), shutdown.drainTimeout());
    }

    @Bean
    LandedEvents landedEvents(DuckDbWarehouse warehouse) {
        return new BronzeLandedEvents(warehouse);
    }
}
