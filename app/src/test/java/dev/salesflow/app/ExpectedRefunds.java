package dev.salesflow.app;

import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.api.sale.RefundLine;
import dev.salesflow.domain.api.sale.RefundSaleCommand;
import dev.salesflow.events.sale.SaleLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;

/**
 * The refunds of simulated sales, recomputed in the tests from the commands alone: a line's refund is
 * its share of the line's net amount in the sale currency's minor units, and the refund that returns
 * the last unit takes whatever is left, so a fully refunded line nets to exactly zero.
 */
final class ExpectedRefunds {

    private final Map<String, Map<String, Long>> units = new HashMap<>();
    private final Map<String, Map<String, BigDecimal>> amounts = new HashMap<>();

    void record(PlaceSaleCommand sale, RefundSaleCommand refund) {
        int digits = Currency.getInstance(sale.currency()).getDefaultFractionDigits();
        for (RefundLine refunded : refund.lines()) {
            SaleLine line = sale.lines().stream()
                    .filter(l -> l.productId().equals(refunded.productId()))
                    .findFirst()
                    .orElseThrow();
            long unitsBefore = units(sale.saleId(), line.productId());
            BigDecimal before = amount(sale.saleId(), line.productId());
            BigDecimal rest = line.netAmount().subtract(before);
            BigDecimal amount = unitsBefore + refunded.quantity() == line.quantity()
                    ? rest
                    : line.netAmount()
                            .multiply(BigDecimal.valueOf(refunded.quantity()))
                            .divide(BigDecimal.valueOf(line.quantity()), digits, RoundingMode.HALF_EVEN)
                            .min(rest.max(BigDecimal.ZERO).setScale(digits, RoundingMode.DOWN));
            units.computeIfAbsent(sale.saleId(), k -> new HashMap<>())
                    .put(line.productId(), unitsBefore + refunded.quantity());
            amounts.computeIfAbsent(sale.saleId(), k -> new HashMap<>()).put(line.productId(), before.add(amount));
        }
    }

    /** Units of the line refunded so far. */
    long units(String saleId, String productId) {
        return units.getOrDefault(saleId, Map.of()).getOrDefault(productId, 0L);
    }

    /** Amount of the line refunded so far, in the sale currency. */
    BigDecimal amount(String saleId, String productId) {
        return amounts.getOrDefault(saleId, Map.of()).getOrDefault(productId, BigDecimal.ZERO);
    }
}
