package dev.salesflow.app.relay;

import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.app.bronze.BronzeLandedEvents;
import dev.salesflow.relay.LandedEvents;
import dev.salesflow.relay.RelayConfiguration;
import dev.salesflow.relay.RelaySettings;
import dev.salesflow.warehouse.DuckDbWarehouse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The relay stage, given its settings and bronze's answer to "which events have landed". */
@Configuration
@Import(RelayConfiguration.class)
public class RelayWiring {

    @Bean
    RelaySettings relaySettings(SalesflowProperties properties) {
        SalesflowProperties.PubSub pubsub = properties.pubsub();
        return new RelaySettings(pubsub.topic(), pubsub.subscription(), pubsub.createMissing());
    }

    @Bean
    LandedEvents landedEvents(DuckDbWarehouse warehouse) {
        return new BronzeLandedEvents(warehouse);
    }
}
