package dev.salesflow.domain.api.sale;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Returns some or all units of a fulfilled sale. {@code refundId} makes the command idempotent:
 * sending the same refund again changes nothing. A full refund names every unit still refundable.
 */
public record RefundSaleCommand(
        @TargetAggregateIdentifier String saleId,
        String refundId,
        List<RefundLine> lines,
        String reason,
        Instant refundedAt) {}
