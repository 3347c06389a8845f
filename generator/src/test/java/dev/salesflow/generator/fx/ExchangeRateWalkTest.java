package dev.salesflow.generator.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class ExchangeRateWalkTest {

    private static final LocalDate DAY = LocalDate.of(2026, 10, 15);

    @Test
    void aDaysRatesDependOnlyOnSeedAndDay() {
        ExchangeRateWalk walked = new ExchangeRateWalk(42);
        walked.ratesOf(DAY.plusDays(300));
        assertThat(walked.ratesOf(DAY)).isEqualTo(new ExchangeRateWalk(42).ratesOf(DAY));
        assertThat(new ExchangeRateWalk(43).ratesOf(DAY)).isNotEqualTo(new ExchangeRateWalk(42).ratesOf(DAY));
    }

    @Test
    void ratesDriftDayByDayButStayRealistic() {
        ExchangeRateWalk walk = new ExchangeRateWalk(42);
        SortedMap<String, BigDecimal> today = walk.ratesOf(DAY);
        SortedMap<String, BigDecimal> tomorrow = walk.ratesOf(DAY.plusDays(1));
        assertThat(today.keySet()).containsExactly("AUD", "BRL", "CAD", "CHF", "GBP", "JPY", "PLN", "SEK", "USD");
        assertThat(tomorrow).isNotEqualTo(today);
        for (int d = 0; d < 3_000; d += 37) {
            SortedMap<String, BigDecimal> rates = walk.ratesOf(DAY.plusDays(d));
            assertThat(rates.get("USD").doubleValue()).isBetween(0.95, 1.40);
            assertThat(rates.get("JPY").doubleValue()).isBetween(140.0, 220.0);
            assertThat(rates.get("GBP").doubleValue()).isBetween(0.75, 1.0);
        }
    }
}
