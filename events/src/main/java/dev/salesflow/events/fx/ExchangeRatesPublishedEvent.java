package dev.salesflow.events.fx;

import dev.salesflow.events.DomainEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Rates sorted by currency code, so that equal rates serialise to equal bytes. */
public record ExchangeRatesPublishedEvent(
        String baseCurrency, LocalDate day, Map<String, BigDecimal> rates, Instant publishedAt) implements DomainEvent {

    public ExchangeRatesPublishedEvent {
        rates = rates == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(rates));
    }

    @Override
    public Instant occurredAt() {
        return publishedAt;
    }
}
