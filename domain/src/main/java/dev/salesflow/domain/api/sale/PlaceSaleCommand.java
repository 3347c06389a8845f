package dev.salesflow.domain.api.sale;

import dev.salesflow.events.sale.PaymentMethod;
import dev.salesflow.events.sale.SaleLine;
import dev.salesflow.events.sale.SalesChannel;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Places an order; {@code placedAt} is the business time of the sale. The customer must be
 * registered, the store open and selling in {@code currency}, and every product listed and not
 * discontinued at {@code placedAt}.
 */
public record PlaceSaleCommand(
        @TargetAggregateIdentifier String saleId,
        String customerId,
        String storeId,
        SalesChannel channel,
        PaymentMethod paymentMethod,
        String currency,
        Instant placedAt,
        List<SaleLine> lines) {}
