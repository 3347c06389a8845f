package dev.salesflow.domain.infra;

import dev.salesflow.domain.infra.parties.SalePartiesConfiguration;
import dev.salesflow.eventstore.EventStorageConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The command side and nothing else: Axon's command bus, the aggregates with the sale_parties
 * check, and the event store. For the command benchmark and the sale-rule tests. Deliberately not
 * a {@code @Configuration}: no component scan picks it up.
 */
@EnableAutoConfiguration
@Import({DomainConfiguration.class, EventStorageConfiguration.class, SalePartiesConfiguration.class})
public class CommandSide {}
