package dev.salesflow.domain.store;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.salesflow.domain.api.Rules;
import dev.salesflow.domain.api.store.CloseStoreCommand;
import dev.salesflow.domain.api.store.OpenStoreCommand;
import dev.salesflow.events.store.StoreClosedEvent;
import dev.salesflow.events.store.StoreOpenedEvent;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A point of sale: a shop in a city, the web shop for a country, or a shop on a marketplace.
 *
 * <p>Rules:
 * <ul>
 *   <li>Opening needs id, name, an ISO-3166 country, city, kind, an ISO-4217 currency that is
 *       some country's money, and the opening time.</li>
 *   <li>Closing needs a time not before the opening; closing again emits nothing.</li>
 * </ul>
 */
public class Store {

    private static final String AGGREGATE = "Store";

    @AggregateIdentifier
    private String storeId;

    private Instant openedAt;
    private boolean closed;

    protected Store() {}

    @CommandHandler
    public Store(OpenStoreCommand cmd) {
        Rules.requireText(cmd.storeId(), "storeId", AGGREGATE);
        String where = AGGREGATE + " " + cmd.storeId();
        Rules.requireText(cmd.name(), "name", where);
        Rules.requireCountry(cmd.country(), where);
        Rules.requireText(cmd.city(), "city", where);
        Rules.requirePresent(cmd.kind(), "kind", where);
        Rules.requireCurrency(cmd.currency(), where);
        Rules.requirePresent(cmd.openedAt(), "openedAt", where);
        apply(new StoreOpenedEvent(
                cmd.storeId(), cmd.name(), cmd.country(), cmd.city(), cmd.kind(), cmd.currency(), cmd.openedAt()));
    }

    @CommandHandler
    void handle(CloseStoreCommand cmd) {
        String where = AGGREGATE + " " + storeId;
        Rules.requireNotBefore(cmd.closedAt(), "closedAt", openedAt, "the opening", where);
        if (closed) {
            return;
        }
        apply(new StoreClosedEvent(storeId, cmd.closedAt()));
    }

    @EventSourcingHandler
    void on(StoreOpenedEvent event) {
        this.storeId = event.storeId();
        this.openedAt = event.openedAt();
    }

    @EventSourcingHandler
    void on(StoreClosedEvent event) {
        this.closed = true;
    }
}
