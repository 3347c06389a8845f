package dev.salesflow.generator.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceLevelsTest {

    @Test
    void keepsEuroPricesAsListed() {
        assertThat(PriceLevels.localPrice(new BigDecimal("1299.99"), "EUR")).isEqualTo(new BigDecimal("1299.99"));
    }

    @Test
    void convertsToTwoDecimalsForCurrenciesWithCents() {
        assertThat(PriceLevels.localPrice(new BigDecimal("9.99"), "USD")).isEqualTo(new BigDecimal("10.79"));
        assertThat(PriceLevels.localPrice(new BigDecimal("9.99"), "GBP")).isEqualTo(new BigDecimal("8.59"));
    }

    @Test
    void roundsYenToWholeYenHalfEven() {
        assertThat(PriceLevels.localPrice(new BigDecimal("9.99"), "JPY")).isEqualTo(new BigDecimal("1618"));
        // 0.25 * 162 = 40.5 and 0.75 * 162 = 121.5: ties go to the even neighbour.
        assertThat(PriceLevels.localPrice(new BigDecimal("0.25"), "JPY")).isEqualTo(new BigDecimal("40"));
        assertThat(PriceLevels.localPrice(new BigDecimal("0.75"), "JPY")).isEqualTo(new BigDecimal("122"));
    }

    @Test
    void refusesACurrencyWithoutPriceLevel() {
        assertThatThrownBy(() -> PriceLevels.localPrice(BigDecimal.TEN, "NZD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NZD");
    }
}
