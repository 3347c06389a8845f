package dev.salesflow.domain.store;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.salesflow.domain.api.Rules;
import dev.salesflow.domain.api.store.OpenStoreCommand;
import dev.salesflow.domain.api.store.StoreOpenedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A point of sale: a shop in a city, or an online shop serving a country. */
public class Store {

    private static final String AGGREGATE = "Store";

    @AggregateIdentifier
    private String storeId;

    protected Store() {
    }

    @CommandHandler
    public Store(OpenStoreCommand cmd) {
        Rules.requireText(cmd.storeId(), "storeId", AGGREGATE);
        Rules.requireText(cmd.name(), "name", AGGREGATE);
        Rules.requireCountry(cmd.country(), AGGREGATE);
        Rules.requireText(cmd.city(), "city", AGGREGATE);
        Rules.requirePresent(cmd.kind(), "kind", AGGREGATE);
        Rules.requireCurrency(cmd.currency(), AGGREGATE);
        Rules.requirePresent(cmd.openedAt(), "openedAt", AGGREGATE);
        apply(new StoreOpenedEvent(cmd.storeId(), cmd.name(), cmd.country(), cmd.city(), cmd.kind(), cmd.currency(),
                cmd.openedAt()));
    }

    @EventSourcingHandler
    void on(StoreOpenedEvent event) {
        this.storeId = event.storeId();
    }
}
