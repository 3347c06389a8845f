package dev.salesflow.generator.followup;

import dev.salesflow.domain.api.sale.RefundLine;
import dev.salesflow.generator.state.CustomerState;
import java.util.List;

/**
 * Something that happens to a sale later: fulfilment, cancellation or refund, due before the
 * sale of tick {@code dueTick}. A fulfilment may carry the refund that will follow it.
 *
 * @param refund        the units to refund (a refund, or a fulfilment followed by one); else null
 * @param partialRefund whether the refund returns only part of the sale
 * @param spendCents  EUR cents the event takes off the customer's spend (cancellation, refund)
 * @param refundAfter ticks from fulfilment to the planned refund; 0 = none
 */
public record FollowUp(
        long dueTick,
        long sequence,
        Kind kind,
        long saleNumber,
        String saleId,
        CustomerState customer,
        List<RefundLine> refund,
        boolean partialRefund,
        long spendCents,
        long refundAfter) {

    public enum Kind {
        FULFIL,
        CANCEL,
        REFUND
    }
}
