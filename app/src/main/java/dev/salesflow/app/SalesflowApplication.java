package dev.salesflow.app;

import dev.salesflow.app.relay.RelayWiring;
import dev.salesflow.app.silver.ProjectionWiring;
import dev.salesflow.domain.infra.DomainConfiguration;
import dev.salesflow.domain.infra.parties.SalePartiesConfiguration;
import dev.salesflow.eventstore.EventStorageConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The application's Spring configuration: the stages' own configurations, imported here, plus
 * what this module wires. The entry point is {@link dev.salesflow.app.cli.Main}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({
    EventStorageConfiguration.class,
    DomainConfiguration.class,
    SalePartiesConfiguration.class,
    RelayWiring.class,
    ProjectionWiring.class
})
public class SalesflowApplication {}
