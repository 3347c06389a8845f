package dev.salesflow.domain.api.fx;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The rates of one day against a base currency: one unit of {@code baseCurrency} buys
 * {@code rates.get(c)} units of currency c. They hold for business times on {@code day} (UTC).
 * The aggregate is the base currency's rate book, so its id is the base currency code.
 */
public record PublishExchangeRatesCommand(
        @TargetAggregateIdentifier String baseCurrency,
        LocalDate day,
        Map<String, BigDecimal> rates,
        Instant publishedAt) {}
