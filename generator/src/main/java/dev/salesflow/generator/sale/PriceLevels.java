package dev.salesflow.generator.sale;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Map;

/**
 * Local shelf prices from EUR list prices: a fixed factor per currency (exchange rate and local
 * price level in one number). A stand-in until FX rates arrive as events.
 */
public final class PriceLevels {

    private static final Map<String, BigDecimal> PER_EUR = Map.of(
            "EUR", new BigDecimal("1.00"),
            "USD", new BigDecimal("1.08"),
            "GBP", new BigDecimal("0.86"),
            "CAD", new BigDecimal("1.47"),
            "JPY", new BigDecimal("162"),
            "AUD", new BigDecimal("1.64"),
            "CHF", new BigDecimal("0.95"),
            "SEK", new BigDecimal("11.40"),
            "PLN", new BigDecimal("4.30"),
            "BRL", new BigDecimal("5.90"));

    private PriceLevels() {
    }

    /** The price in {@code currency}, rounded half-even to its minor unit (none for JPY). */
    public static BigDecimal localPrice(BigDecimal eurPrice, String currency) {
        BigDecimal factor = PER_EUR.get(currency);
        if (factor == null) {
            throw new IllegalArgumentException("no price level for currency " + currency);
        }
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return eurPrice.multiply(factor).setScale(digits, RoundingMode.HALF_EVEN);
    }

    public static boolean supports(String currency) {
        return PER_EUR.containsKey(currency);
    }
}
