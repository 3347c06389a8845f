package dev.salesflow.domain.api.sale;

import dev.salesflow.domain.api.DomainEvent;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Revision 2 added a discount to each line; revision-1 lines are read with a zero discount. */
@Revision("2")
public record SalePlacedEvent(
        String saleId,
        String customerId,
        String storeId,
        SalesChannel channel,
        PaymentMethod paymentMethod,
        String currency,
        Instant placedAt,
        List<SaleLine> lines) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return placedAt;
    }
}
