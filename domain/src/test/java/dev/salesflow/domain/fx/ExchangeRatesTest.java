package dev.salesflow.domain.fx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.fx.PublishExchangeRatesCommand;
import dev.salesflow.events.fx.ExchangeRatesPublishedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExchangeRatesTest {

    private static final LocalDate DAY = LocalDate.parse("2024-03-01");
    private static final Instant PUBLISHED_AT = Instant.parse("2024-03-01T16:00:00Z");
    private static final Map<String, BigDecimal> RATES =
            Map.of("USD", new BigDecimal("1.0842"), "GBP", new BigDecimal("0.8556"), "JPY", new BigDecimal("162.37"));
    private static final ExchangeRatesPublishedEvent PUBLISHED =
            new ExchangeRatesPublishedEvent("EUR", DAY, RATES, PUBLISHED_AT);

    private FixtureConfiguration<ExchangeRates> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ExchangeRates.class);
    }

    @Test
    void firstPublicationCreatesTheRateBookOfTheBaseCurrency() {
        fixture.givenNoPriorActivity()
                .when(publish(DAY, RATES))
                .expectSuccessfulHandlerExecution()
                .expectEvents(PUBLISHED);
    }

    @Test
    void publishedRatesAreSortedByCurrency() {
        assertThat(PUBLISHED.rates().keySet()).containsExactly("GBP", "JPY", "USD");
    }

    @Test
    void nextDayIsPublishedToTheSameRateBook() {
        Map<String, BigDecimal> next = Map.of("USD", new BigDecimal("1.0850"));
        fixture.given(PUBLISHED)
                .when(publish(DAY.plusDays(1), next))
                .expectEvents(new ExchangeRatesPublishedEvent("EUR", DAY.plusDays(1), next, PUBLISHED_AT));
    }

    @Test
    void anEarlierDayMayArriveLate() {
        Map<String, BigDecimal> before = Map.of("USD", new BigDecimal("1.0801"));
        fixture.given(PUBLISHED)
                .when(publish(DAY.minusDays(3), before))
                .expectEvents(new ExchangeRatesPublishedEvent("EUR", DAY.minusDays(3), before, PUBLISHED_AT));
    }

    @Test
    void sameDayWithEqualRatesEmitsNothingEvenWithOtherScales() {
        Map<String, BigDecimal> sameValues = Map.of(
                "USD", new BigDecimal("1.08420"), "GBP", new BigDecimal("0.8556"), "JPY", new BigDecimal("162.370"));
        fixture.given(PUBLISHED)
                .when(publish(DAY, sameValues))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void sameDayWithAnotherRateIsRefusedAsACorrection() {
        Map<String, BigDecimal> corrected = Map.of(
                "USD", new BigDecimal("1.0843"), "GBP", new BigDecimal("0.8556"), "JPY", new BigDecimal("162.37"));
        expectRefusal(
                PUBLISHED,
                publish(DAY, corrected),
                "ExchangeRates EUR 2024-03-01: rates were already published"
                        + " as {GBP=0.8556, JPY=162.37, USD=1.0842}, now {GBP=0.8556, JPY=162.37, USD=1.0843};"
                        + " corrections are not supported");
    }

    @Test
    void sameDayWithAnotherSetOfCurrenciesIsRefusedAsACorrection() {
        expectRefusal(
                PUBLISHED,
                publish(DAY, Map.of("USD", new BigDecimal("1.0842"))),
                "ExchangeRates EUR 2024-03-01: rates were already published as {GBP=0.8556, JPY=162.37,"
                        + " USD=1.0842}, now {USD=1.0842}; corrections are not supported");
    }

    @Test
    void publicationWithoutRatesIsRefused() {
        expectRefusal(publish(DAY, Map.of()), "ExchangeRates EUR: at least one rate is required");
    }

    @Test
    void publicationWithNullRatesIsRefused() {
        expectRefusal(publish(DAY, null), "ExchangeRates EUR: at least one rate is required");
    }

    @Test
    void zeroRateIsRefused() {
        expectRefusal(
                publish(DAY, Map.of("USD", BigDecimal.ZERO)),
                "ExchangeRates EUR 2024-03-01: rate of USD must be positive, was 0");
    }

    @Test
    void negativeRateIsRefused() {
        expectRefusal(
                publish(DAY, Map.of("USD", new BigDecimal("-1.08"))),
                "ExchangeRates EUR 2024-03-01: rate of USD must be positive, was -1.08");
    }

    @Test
    void missingRateIsRefused() {
        Map<String, BigDecimal> rates = new HashMap<>();
        rates.put("USD", null);
        expectRefusal(publish(DAY, rates), "ExchangeRates EUR 2024-03-01: rate of USD is required");
    }

    @Test
    void rateOfUnknownCurrencyIsRefused() {
        expectRefusal(
                publish(DAY, Map.of("USX", BigDecimal.ONE)),
                "ExchangeRates EUR 2024-03-01: currency 'USX' is not an ISO-4217 code (for example EUR, USD, GBP)");
    }

    @Test
    void rateOfGoldIsRefused() {
        expectRefusal(
                publish(DAY, Map.of("XAU", new BigDecimal("0.00049"))),
                "ExchangeRates EUR 2024-03-01: currency 'XAU' is an ISO-4217 code but no country's money (metals,"
                        + " funds, test and withdrawn codes are refused)");
    }

    @Test
    void rateWithoutCurrencyIsRefused() {
        Map<String, BigDecimal> rates = new HashMap<>();
        rates.put(null, BigDecimal.ONE);
        expectRefusal(publish(DAY, rates), "ExchangeRates EUR 2024-03-01: currency is required");
    }

    @Test
    void rateOfTheBaseCurrencyItselfIsRefused() {
        expectRefusal(
                publish(DAY, Map.of("USD", new BigDecimal("1.08"), "EUR", BigDecimal.ONE)),
                "ExchangeRates EUR 2024-03-01: the base currency EUR has no rate against itself");
    }

    @Test
    void unknownBaseCurrencyIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new PublishExchangeRatesCommand("EURO", DAY, RATES, PUBLISHED_AT))
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(
                        "ExchangeRates: baseCurrency 'EURO' is not an ISO-4217 code (for example EUR, USD, GBP)");
    }

    @Test
    void publicationWithoutDayIsRefused() {
        expectRefusal(publish(null, RATES), "ExchangeRates EUR: day is required");
    }

    @Test
    void publicationWithoutTimeIsRefused() {
        expectRefusal(
                new PublishExchangeRatesCommand("EUR", DAY, RATES, null), "ExchangeRates EUR: publishedAt is required");
    }

    private void expectRefusal(PublishExchangeRatesCommand command, String message) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(message);
    }

    private void expectRefusal(Object given, PublishExchangeRatesCommand command, String message) {
        fixture.given(given)
                .when(command)
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(message);
    }

    private static PublishExchangeRatesCommand publish(LocalDate day, Map<String, BigDecimal> rates) {
        return new PublishExchangeRatesCommand("EUR", day, rates, PUBLISHED_AT);
    }
}
