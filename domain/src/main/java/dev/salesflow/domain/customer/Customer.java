package dev.salesflow.domain.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.salesflow.domain.api.Rules;
import dev.salesflow.domain.api.customer.ChangeCustomerEmailCommand;
import dev.salesflow.domain.api.customer.ChangeLoyaltyTierCommand;
import dev.salesflow.domain.api.customer.MoveCustomerCommand;
import dev.salesflow.domain.api.customer.RegisterCustomerCommand;
import dev.salesflow.events.customer.CustomerEmailChangedEvent;
import dev.salesflow.events.customer.CustomerLoyaltyTierChangedEvent;
import dev.salesflow.events.customer.CustomerMovedEvent;
import dev.salesflow.events.customer.CustomerRegisteredEvent;
import dev.salesflow.events.customer.LoyaltyTier;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A buyer. Validates in command handlers; state changes only in event sourcing handlers.
 *
 * <p>Rules:
 * <ul>
 *   <li>Registration needs every field: id, name, a plausible email, an ISO-3166 country, city,
 *       an ISO-4217 preferred currency that is some country's money, loyalty tier and time.</li>
 *   <li>A move needs an ISO country and a city; an email change a plausible address; a tier
 *       change a tier. Each needs its business time, which must not be before registration.</li>
 *   <li>A change to the value the customer already has emits nothing, so a command re-sent after
 *       a crash is harmless.</li>
 * </ul>
 */
public class Customer {

    private static final String AGGREGATE = "Customer";

    @AggregateIdentifier
    private String customerId;

    private Instant registeredAt;
    private String email;
    private String country;
    private String city;
    private LoyaltyTier loyaltyTier;

    protected Customer() {
        // Axon rebuilds the aggregate from its events through this constructor.
    }

    @CommandHandler
    public Customer(RegisterCustomerCommand cmd) {
        Rules.requireText(cmd.customerId(), "customerId", AGGREGATE);
        String where = AGGREGATE + " " + cmd.customerId();
        Rules.requireText(cmd.name(), "name", where);
        Rules.requireEmail(cmd.email(), where);
        Rules.requireCountry(cmd.country(), where);
        Rules.requireText(cmd.city(), "city", where);
        Rules.requireCurrency(cmd.preferredCurrency(), "preferredCurrency", where);
        Rules.requirePresent(cmd.loyaltyTier(), "loyaltyTier", where);
        Rules.requirePresent(cmd.registeredAt(), "registeredAt", where);
        apply(new CustomerRegisteredEvent(
                cmd.customerId(),
                cmd.name(),
                cmd.email(),
                cmd.country(),
                cmd.city(),
                cmd.preferredCurrency(),
                cmd.loyaltyTier(),
                cmd.registeredAt()));
    }

    @CommandHandler
    void handle(MoveCustomerCommand cmd) {
        Rules.requireCountry(cmd.country(), where());
        Rules.requireText(cmd.city(), "city", where());
        Rules.requireNotBefore(cmd.movedAt(), "movedAt", registeredAt, "the registration", where());
        if (cmd.country().equals(country) && cmd.city().equals(city)) {
            return;
        }
        apply(new CustomerMovedEvent(customerId, cmd.country(), cmd.city(), cmd.movedAt()));
    }

    @CommandHandler
    void handle(ChangeCustomerEmailCommand cmd) {
        Rules.requireEmail(cmd.email(), where());
        Rules.requireNotBefore(cmd.changedAt(), "changedAt", registeredAt, "the registration", where());
        // Compared exactly: the part before '@' may be case-sensitive, so a new casing is a change.
        if (cmd.email().equals(email)) {
            return;
        }
        apply(new CustomerEmailChangedEvent(customerId, cmd.email(), cmd.changedAt()));
    }

    @CommandHandler
    void handle(ChangeLoyaltyTierCommand cmd) {
        Rules.requirePresent(cmd.loyaltyTier(), "loyaltyTier", where());
        Rules.requireNotBefore(cmd.changedAt(), "changedAt", registeredAt, "the registration", where());
        if (cmd.loyaltyTier() == loyaltyTier) {
            return;
        }
        apply(new CustomerLoyaltyTierChangedEvent(customerId, cmd.loyaltyTier(), cmd.changedAt()));
    }

    private String where() {
        return AGGREGATE + " " + customerId;
    }

    @EventSourcingHandler
    void on(CustomerRegisteredEvent event) {
        this.customerId = event.customerId();
        this.registeredAt = event.registeredAt();
        this.email = event.email();
        this.country = event.country();
        this.city = event.city();
        this.loyaltyTier = event.loyaltyTier();
    }

    @EventSourcingHandler
    void on(CustomerMovedEvent event) {
        this.country = event.country();
        this.city = event.city();
    }

    @EventSourcingHandler
    void on(CustomerEmailChangedEvent event) {
        this.email = event.email();
    }

    @EventSourcingHandler
    void on(CustomerLoyaltyTierChangedEvent event) {
        this.loyaltyTier = event.loyaltyTier();
    }
}
