package dev.salesflow.generator.sale;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LocalPricesTest {

    private static BigDecimal local(String eur, String currency, String rate) {
        return LocalPrices.localPrice(new BigDecimal(eur), currency, new BigDecimal(rate));
    }

    @Test
    void euroPricesAreTheListPrice() {
        assertThat(local("249.99", "EUR", "1")).isEqualByComparingTo("249.99");
    }

    @Test
    void convertsAtTheDaysRateAndRoundsUpToTheLocalEnding() {
        assertThat(local("249.99", "USD", "1.16")).isEqualTo(new BigDecimal("289.99")); // 289.9884
        assertThat(local("249.99", "GBP", "0.872")).isEqualTo(new BigDecimal("218.99")); // 217.9913 > 217.99
        assertThat(local("249.99", "BRL", "6.2")).isEqualTo(new BigDecimal("1549.99")); // 1549.938
        assertThat(local("249.99", "JPY", "176.0")).isEqualTo(new BigDecimal("44080")); // 43,998.24
        assertThat(local("249.99", "SEK", "11.0")).isEqualTo(new BigDecimal("2759.00")); // 2,749.89
        assertThat(local("249.99", "CHF", "0.935")).isEqualTo(new BigDecimal("233.95")); // 233.74
        assertThat(local("9.99", "CHF", "0.999")).isEqualTo(new BigDecimal("10.95")); // 9.98
    }

    @Test
    void neverPricesBelowTheConvertedAmount() {
        for (String currency : new String[] {"USD", "GBP", "JPY", "SEK", "CHF", "PLN", "BRL", "CAD", "AUD"}) {
            for (int cents = 99; cents < 400_000; cents += 977) {
                BigDecimal eur = BigDecimal.valueOf(cents, 2);
                BigDecimal rate = new BigDecimal("1.2345");
                assertThat(LocalPrices.localPrice(eur, currency, rate)).isGreaterThanOrEqualTo(eur.multiply(rate));
            }
        }
    }
}
