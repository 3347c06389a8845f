package dev.salesflow.domain.infra.parties;

import dev.salesflow.events.customer.CustomerRegisteredEvent;
import dev.salesflow.events.product.ProductDiscontinuedEvent;
import dev.salesflow.events.product.ProductListedEvent;
import dev.salesflow.events.store.StoreClosedEvent;
import dev.salesflow.events.store.StoreOpenedEvent;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code sale_parties} equal to the committed events. Its processing group is a
 * <em>subscribing</em> processor (application.yml): Axon's event store appends the events and then
 * hands them to subscribing processors in the same prepare-commit step of the publishing unit of
 * work, whose Spring transaction these JDBC writes join. A row therefore changes if and only if its
 * event commits, and an error here rolls the command back.
 */
@Component
@ProcessingGroup(SalePartiesProjection.PROCESSING_GROUP)
public class SalePartiesProjection {

    public static final String PROCESSING_GROUP = "sale-parties";

    private static final String INSERT =
            "insert into sale_parties (id, kind, currency, valid_from) values (?, ?, ?, ?)";
    private static final String CLOSE = "update sale_parties set valid_to = ? where id = ? and kind = ?";

    private final SalePartiesTable table;
    private final GuardedSaleParties parties;

    public SalePartiesProjection(SalePartiesTable table, GuardedSaleParties parties) {
        this.table = table;
        this.parties = parties;
    }

    @EventHandler
    public void on(CustomerRegisteredEvent event) {
        insert(event.customerId(), SalePartiesTable.CUSTOMER, null, event.registeredAt());
    }

    @EventHandler
    public void on(StoreOpenedEvent event) {
        insert(event.storeId(), SalePartiesTable.STORE, event.currency(), event.openedAt());
    }

    @EventHandler
    public void on(StoreClosedEvent event) {
        close(event.storeId(), SalePartiesTable.STORE, event.closedAt());
    }

    @EventHandler
    public void on(ProductListedEvent event) {
        insert(event.productId(), SalePartiesTable.PRODUCT, event.currency(), event.listedAt());
    }

    @EventHandler
    public void on(ProductDiscontinuedEvent event) {
        close(event.productId(), SalePartiesTable.PRODUCT, event.discontinuedAt());
    }

    /** The same handlers, for the start-up rebuild from stored events. */
    void apply(Object payload) {
        if (payload instanceof CustomerRegisteredEvent e) {
            on(e);
        } else if (payload instanceof StoreOpenedEvent e) {
            on(e);
        } else if (payload instanceof StoreClosedEvent e) {
            on(e);
        } else if (payload instanceof ProductListedEvent e) {
            on(e);
        } else if (payload instanceof ProductDiscontinuedEvent e) {
            on(e);
        }
    }

    private void insert(String id, String kind, String currency, Instant from) {
        table.jdbc().update(INSERT, id, kind, currency, SalePartiesTable.nanos(from));
        parties.rowWritten(id, kind);
    }

    private void close(String id, String kind, Instant at) {
        int updated = table.jdbc().update(CLOSE, SalePartiesTable.nanos(at), id, kind);
        if (updated != 1) {
            // The aggregate exists (it just produced the event), so the table is out of step: refuse
            // the command rather than let sales be judged on wrong facts.
            throw new IllegalStateException("sale_parties has no " + kind + " " + id + " to close");
        }
        parties.rowWritten(id, kind);
    }
}
