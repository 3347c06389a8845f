package dev.salesflow.generator.sale;

import dev.salesflow.events.Currencies;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * The shelf price in a market: the EUR list price converted at the day's rate, then rounded the
 * way shops there price: x.99 for most currencies, whole kronor ending in 9 in SEK, 0.05 steps
 * ending in .95 in CHF, tens of yen ending in 80 in JPY. Rounding is always up to the next
 * ending, so the price never falls below the converted one by more than the ending.
 */
public final class LocalPrices {

    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final BigDecimal FIVE_CENTS = new BigDecimal("0.05");
    private static final BigDecimal TEN = BigDecimal.TEN;
    private static final BigDecimal HUNDRED = new BigDecimal(100);

    private LocalPrices() {}

    /** {@code eurPrice} in EUR (scale 2) times {@code rate} (units per EUR), locally rounded. */
    public static BigDecimal localPrice(BigDecimal eurPrice, String currency, BigDecimal rate) {
        if (Currencies.BASE.equals(currency)) {
            return eurPrice;
        }
        BigDecimal raw = eurPrice.multiply(rate);
        return switch (currency) {
            case "JPY" -> upToEnding(raw, HUNDRED, new BigDecimal(20)).setScale(0, RoundingMode.UNNECESSARY); // 43,980
            case "SEK" -> upToEnding(raw, TEN, BigDecimal.ONE).setScale(2, RoundingMode.UNNECESSARY); // 2,759
            case "CHF" -> upToEnding(raw, BigDecimal.ONE, FIVE_CENTS).setScale(2, RoundingMode.UNNECESSARY); // 233.95
            default ->
                upToEnding(raw, BigDecimal.ONE, CENT)
                        .setScale(Currency.getInstance(currency).getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
        };
    }

    /** The smallest {@code k * step - below} (k >= 1) that is at least {@code raw}: 289.99 for 289.42. */
    private static BigDecimal upToEnding(BigDecimal raw, BigDecimal step, BigDecimal below) {
        BigDecimal steps = raw.add(below).divide(step, 0, RoundingMode.CEILING).max(BigDecimal.ONE);
        return steps.multiply(step).subtract(below);
    }

    /** A discount of {@code percent} on an amount, in the currency's minor unit (half up). */
    public static BigDecimal percentOf(BigDecimal amount, int percent, String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return amount.multiply(BigDecimal.valueOf(percent)).divide(HUNDRED, digits, RoundingMode.HALF_UP);
    }
}
