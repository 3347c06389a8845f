package dev.salesflow.domain.api;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/** Checks shared by several aggregates; each failure is an {@link InvalidCommandException}. */
public final class Rules {

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    private Rules() {
    }

    public static void requireText(String value, String field, String aggregate) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommandException(aggregate + ": " + field + " is required");
        }
    }

    public static void requirePresent(Object value, String field, String aggregate) {
        if (value == null) {
            throw new InvalidCommandException(aggregate + ": " + field + " is required");
        }
    }

    /** An ISO-4217 code such as EUR; the JDK's currency table is the reference. */
    public static void requireCurrency(String code, String aggregate) {
        requireText(code, "currency", aggregate);
        try {
            Currency currency = Currency.getInstance(code);
            if (!currency.getCurrencyCode().equals(code)) {
                throw new IllegalArgumentException(code);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidCommandException(
                    aggregate + ": currency '" + code + "' is not an ISO-4217 code (for example EUR, USD, GBP)");
        }
    }

    /** An ISO-3166 alpha-2 code such as DE. */
    public static void requireCountry(String code, String aggregate) {
        requireText(code, "country", aggregate);
        if (!ISO_COUNTRIES.contains(code)) {
            throw new InvalidCommandException(
                    aggregate + ": country '" + code + "' is not an ISO-3166 alpha-2 code (for example DE, US, JP)");
        }
    }

    public static void requireNotNegative(BigDecimal amount, String field, String aggregate) {
        requirePresent(amount, field, aggregate);
        if (amount.signum() < 0) {
            throw new InvalidCommandException(aggregate + ": " + field + " must not be negative, was " + amount);
        }
    }

    public static void requireNotEmpty(Collection<?> values, String field, String aggregate) {
        if (values == null || values.isEmpty()) {
            throw new InvalidCommandException(aggregate + ": at least one " + field + " is required");
        }
    }
}
