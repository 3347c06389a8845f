package dev.salesflow.domain.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.salesflow.domain.api.Rules;
import dev.salesflow.domain.api.customer.CustomerRegisteredEvent;
import dev.salesflow.domain.api.customer.RegisterCustomerCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A buyer. Validates in command handlers; state changes only in event sourcing handlers. */
public class Customer {

    private static final String AGGREGATE = "Customer";

    @AggregateIdentifier
    private String customerId;

    protected Customer() {
        // Axon rebuilds the aggregate from its events through this constructor.
    }

    @CommandHandler
    public Customer(RegisterCustomerCommand cmd) {
        Rules.requireText(cmd.customerId(), "customerId", AGGREGATE);
        Rules.requireText(cmd.name(), "name", AGGREGATE);
        Rules.requireText(cmd.email(), "email", AGGREGATE);
        Rules.requireCountry(cmd.country(), AGGREGATE);
        Rules.requireText(cmd.city(), "city", AGGREGATE);
        Rules.requireCurrency(cmd.preferredCurrency(), AGGREGATE);
        Rules.requirePresent(cmd.loyaltyTier(), "loyaltyTier", AGGREGATE);
        Rules.requirePresent(cmd.registeredAt(), "registeredAt", AGGREGATE);
        apply(new CustomerRegisteredEvent(cmd.customerId(), cmd.name(), cmd.email(), cmd.country(), cmd.city(),
                cmd.preferredCurrency(), cmd.loyaltyTier(), cmd.registeredAt()));
    }

    @EventSourcingHandler
    void on(CustomerRegisteredEvent event) {
        this.customerId = event.customerId();
    }
}
