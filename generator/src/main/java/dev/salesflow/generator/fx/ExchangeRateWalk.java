package dev.salesflow.generator.fx;

import dev.salesflow.events.Currencies;
import dev.salesflow.generator.chance.Seeds;
import dev.salesflow.generator.chance.Stream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Daily EUR exchange rates that drift: per currency a mean-reverting random walk of the log rate
 * around a realistic base (Ornstein-Uhlenbeck, one step per day from {@link #EPOCH}). The rate
 * of a day depends only on the seed and the day, so a resumed or repeated run publishes the same
 * figures, and the domain treats a repeated publication as a no-op.
 */
public final class ExchangeRateWalk {

    public static final String BASE = Currencies.BASE;
    /** Day 0 of every walk; days before it get the base rates. */
    public static final LocalDate EPOCH = LocalDate.of(2015, 1, 1);
    /** Pull back to the base per day: keeps rates realistic however long a run lasts. */
    private static final double REVERSION = 0.03;

    private static final MathContext SIX_DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);

    /** Units per 1 EUR (roughly late 2025) and daily volatility of the log rate. */
    private static final List<Currency> CURRENCIES = List.of(
            new Currency("AUD", 1.78, 0.0050),
            new Currency("BRL", 6.20, 0.0090),
            new Currency("CAD", 1.62, 0.0040),
            new Currency("CHF", 0.935, 0.0030),
            new Currency("GBP", 0.872, 0.0035),
            new Currency("JPY", 176.0, 0.0055),
            new Currency("PLN", 4.25, 0.0030),
            new Currency("SEK", 11.0, 0.0040),
            new Currency("USD", 1.16, 0.0045));

    private final long seed;
    private long walkedDay = -1;
    private LocalDate cachedDay;
    private SortedMap<String, BigDecimal> cachedRates;
    private final double[] logDeviation = new double[CURRENCIES.size()];

    public ExchangeRateWalk(long seed) {
        this.seed = seed;
    }

    /** The currencies quoted, sorted. */
    public static List<String> currencies() {
        return CURRENCIES.stream().map(Currency::code).toList();
    }

    /** Rates of {@code day}: units of each currency per 1 EUR, six significant digits, sorted by code. */
    public SortedMap<String, BigDecimal> ratesOf(LocalDate day) {
        if (day.equals(cachedDay)) {
            return cachedRates;
        }
        long index = day.toEpochDay() - EPOCH.toEpochDay();
        walkTo(index);
        TreeMap<String, BigDecimal> rates = new TreeMap<>();
        for (int c = 0; c < CURRENCIES.size(); c++) {
            double deviation = index < 0 ? 0 : logDeviation[c];
            double rate = CURRENCIES.get(c).base() * Math.exp(deviation);
            rates.put(CURRENCIES.get(c).code(), new BigDecimal(rate, SIX_DIGITS));
        }
        cachedDay = day;
        cachedRates = Collections.unmodifiableSortedMap(rates);
        return cachedRates;
    }

    /** Rate of one currency on a day; 1 for EUR. */
    public BigDecimal rate(String currency, LocalDate day) {
        if (BASE.equals(currency)) {
            return BigDecimal.ONE;
        }
        BigDecimal rate = ratesOf(day).get(currency);
        if (rate == null) {
            throw new IllegalArgumentException("no exchange rate for " + currency);
        }
        return rate;
    }

    // Steps the walks forward; going back restarts from the epoch (rare: a clock set back).
    private void walkTo(long index) {
        if (index < walkedDay) {
            walkedDay = -1;
            java.util.Arrays.fill(logDeviation, 0);
        }
        while (walkedDay < index) {
            walkedDay++;
            for (int c = 0; c < CURRENCIES.size(); c++) {
                SplittableRandom random = Seeds.randomFor(seed, Stream.FX, walkedDay * 16 + c);
                logDeviation[c] =
                        (1 - REVERSION) * logDeviation[c] + CURRENCIES.get(c).volatility() * random.nextGaussian();
            }
        }
    }

    private record Currency(String code, double base, double volatility) {}
}
