package dev.salesflow.domain.upcasting;

import dev.salesflow.events.Currencies;
import java.util.Currency;
import java.util.Locale;

/** The money of a country as the JDK knows it, for events stored before they named a currency. */
final class CountryCurrency {

    /**
     * For a country without money of its own in the JDK's table (only Antarctica, AQ) or an
     * unreadable code: EUR, the default reporting currency. Revision-1 events were checked to
     * carry ISO countries, so this is a guard, not a path the stored data takes.
     */
    static final String FALLBACK = Currencies.BASE;

    private CountryCurrency() {}

    static String of(String country) {
        if (country == null) {
            return FALLBACK;
        }
        try {
            Currency currency = Currency.getInstance(new Locale("", country));
            return currency == null ? FALLBACK : currency.getCurrencyCode();
        } catch (IllegalArgumentException e) {
            return FALLBACK;
        }
    }
}
