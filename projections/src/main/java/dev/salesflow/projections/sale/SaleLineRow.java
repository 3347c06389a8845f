package dev.salesflow.projections.sale;

import dev.salesflow.events.sale.SaleLine;
import dev.salesflow.events.sale.SalePlacedEvent;
import dev.salesflow.projection.runtime.EventContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The state of one sale line; the derived columns ({@code net_amount}, the reporting amounts) are
 * computed in {@link #toRow()} from it, never carried over, so a row always agrees with itself.
 */
record SaleLineRow(
        String saleId,
        long lineNumber,
        String eventId,
        String customerId,
        String storeId,
        String channel,
        String paymentMethod,
        String currency,
        Instant placedAt,
        String productId,
        long quantity,
        BigDecimal unitPrice,
        BigDecimal discount,
        BigDecimal amount,
        String status,
        Instant fulfilledAt,
        Instant cancelledAt,
        long refundedQuantity,
        BigDecimal refundedAmount,
        String reportingCurrency,
        BigDecimal fxRate,
        LocalDate fxRateDay,
        long lastSequenceNumber) {

    static final String PLACED = "PLACED";
    static final String FULFILLED = "FULFILLED";
    static final String CANCELLED = "CANCELLED";

    static SaleLineRow placed(
            SalePlacedEvent sale,
            int lineNumber,
            SaleLine line,
            EventContext event,
            String reportingCurrency,
            ReportingRates.Rate rate) {
        return new SaleLineRow(
                sale.saleId(),
                lineNumber,
                event.eventId(),
                sale.customerId(),
                sale.storeId(),
                sale.channel().name(),
                sale.paymentMethod().name(),
                sale.currency(),
                sale.placedAt(),
                line.productId(),
                line.quantity(),
                line.unitPrice(),
                line.discount(),
                line.netAmount(),
                PLACED,
                null,
                null,
                0,
                BigDecimal.ZERO,
                reportingCurrency,
                rate == null ? null : rate.rate(),
                rate == null ? null : rate.day(),
                event.sequenceNumber());
    }

    static SaleLineRow of(Object[] row) {
        return new SaleLineRow(
                (String) row[0],
                (Long) row[1],
                (String) row[2],
                (String) row[3],
                (String) row[4],
                (String) row[5],
                (String) row[6],
                (String) row[7],
                (Instant) row[8],
                (String) row[9],
                (Long) row[10],
                (BigDecimal) row[11],
                (BigDecimal) row[12],
                (BigDecimal) row[13],
                (String) row[14],
                (Instant) row[15],
                (Instant) row[16],
                (Long) row[17],
                (BigDecimal) row[18],
                (String) row[20],
                (BigDecimal) row[21],
                (LocalDate) row[22],
                (Long) row[26]);
    }

    Object[] toRow() {
        boolean cancelled = CANCELLED.equals(status);
        BigDecimal netAmount = cancelled ? BigDecimal.ZERO : amount.subtract(refundedAmount);
        BigDecimal amountReporting = reporting(amount);
        BigDecimal refundedReporting = reporting(refundedAmount);
        BigDecimal netReporting = cancelled
                ? BigDecimal.ZERO
                : amountReporting == null ? null : amountReporting.subtract(refundedReporting);
        return SalesProjection.SALE_LINES.row(
                saleId,
                lineNumber,
                eventId,
                customerId,
                storeId,
                channel,
                paymentMethod,
                currency,
                placedAt,
                productId,
                quantity,
                unitPrice,
                discount,
                amount,
                status,
                fulfilledAt,
                cancelledAt,
                refundedQuantity,
                refundedAmount,
                netAmount,
                reportingCurrency,
                fxRate,
                fxRateDay,
                amountReporting,
                refundedReporting,
                netReporting,
                lastSequenceNumber);
    }

    private BigDecimal reporting(BigDecimal saleCurrencyAmount) {
        return fxRate == null
                ? null
                : saleCurrencyAmount.divide(fxRate, ReportingRates.AMOUNT_SCALE, RoundingMode.HALF_EVEN);
    }

    SaleLineRow fulfilled(Instant at) {
        return new SaleLineRow(
                saleId,
                lineNumber,
                eventId,
                customerId,
                storeId,
                channel,
                paymentMethod,
                currency,
                placedAt,
                productId,
                quantity,
                unitPrice,
                discount,
                amount,
                CANCELLED.equals(status) ? status : FULFILLED,
                at,
                cancelledAt,
                refundedQuantity,
                refundedAmount,
                reportingCurrency,
                fxRate,
                fxRateDay,
                lastSequenceNumber);
    }

    SaleLineRow cancelled(Instant at) {
        return new SaleLineRow(
                saleId,
                lineNumber,
                eventId,
                customerId,
                storeId,
                channel,
                paymentMethod,
                currency,
                placedAt,
                productId,
                quantity,
                unitPrice,
                discount,
                amount,
                CANCELLED,
                fulfilledAt,
                at,
                refundedQuantity,
                refundedAmount,
                reportingCurrency,
                fxRate,
                fxRateDay,
                lastSequenceNumber);
    }

    SaleLineRow refunded(long units, BigDecimal refund) {
        return new SaleLineRow(
                saleId,
                lineNumber,
                eventId,
                customerId,
                storeId,
                channel,
                paymentMethod,
                currency,
                placedAt,
                productId,
                quantity,
                unitPrice,
                discount,
                amount,
                status,
                fulfilledAt,
                cancelledAt,
                refundedQuantity + units,
                refundedAmount.add(refund),
                reportingCurrency,
                fxRate,
                fxRateDay,
                lastSequenceNumber);
    }

    /** The same line, as of the aggregate's event {@code sequenceNumber}. */
    SaleLineRow at(long sequenceNumber) {
        return new SaleLineRow(
                saleId,
                lineNumber,
                eventId,
                customerId,
                storeId,
                channel,
                paymentMethod,
                currency,
                placedAt,
                productId,
                quantity,
                unitPrice,
                discount,
                amount,
                status,
                fulfilledAt,
                cancelledAt,
                refundedQuantity,
                refundedAmount,
                reportingCurrency,
                fxRate,
                fxRateDay,
                sequenceNumber);
    }
}
