package dev.salesflow.events.sale;

import dev.salesflow.events.DomainEvent;
import dev.salesflow.events.EventRevision;
import java.time.Instant;
import java.util.List;

/** Revision 2 added a discount to each line; revision-1 lines are read with a zero discount. */
@EventRevision("2")
public record SalePlacedEvent(
        String saleId,
        String customerId,
        String storeId,
        SalesChannel channel,
        PaymentMethod paymentMethod,
        String currency,
        Instant placedAt,
        List<SaleLine> lines)
        implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return placedAt;
    }
}
