package dev.salesflow.domain.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Currency;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Checks shared by several aggregates; each failure is an {@link InvalidCommandException}.
 *
 * <p>{@code where} names the aggregate (and its id once known), for example {@code "Customer c-1"};
 * every message reads "where: rule, offending value".
 */
public final class Rules {

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    /**
     * The currencies that are some country's money according to the JDK. ISO-4217 also lists
     * codes no shop takes: precious metals (XAU, XAG, XPT, XPD), special drawing rights and bond
     * units (XDR, XBA..XBD), test and "no currency" codes (XTS, XXX), funds codes (CHE, USN,
     * CLF, ...) and withdrawn currencies (DEM, FRF, ...). None of them is a country's currency,
     * so this one set refuses them all while keeping XOF, XAF, XPF, XCD and the like.
     */
    private static final Set<String> LEGAL_TENDER = legalTender();

    private Rules() {}

    public static void requireText(String value, String field, String where) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommandException(where + ": " + field + " is required");
        }
    }

    public static void requirePresent(Object value, String field, String where) {
        if (value == null) {
            throw new InvalidCommandException(where + ": " + field + " is required");
        }
    }

    /** An ISO-4217 code such as EUR that is some country's money (see {@link #LEGAL_TENDER}). */
    public static void requireCurrency(String code, String where) {
        requireCurrency(code, "currency", where);
    }

    /** As {@link #requireCurrency(String, String)}, for a field not called "currency". */
    public static void requireCurrency(String code, String field, String where) {
        requireText(code, field, where);
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            currency = null;
        }
        if (currency == null || !currency.getCurrencyCode().equals(code)) {
            throw new InvalidCommandException(
                    where + ": " + field + " '" + code + "' is not an ISO-4217 code (for example EUR, USD, GBP)");
        }
        if (!LEGAL_TENDER.contains(code)) {
            throw new InvalidCommandException(where + ": " + field + " '" + code
                    + "' is an ISO-4217 code but no country's money (metals, funds, test and withdrawn codes"
                    + " are refused)");
        }
    }

    /** An ISO-3166 alpha-2 code such as DE. */
    public static void requireCountry(String code, String where) {
        requireText(code, "country", where);
        if (!ISO_COUNTRIES.contains(code)) {
            throw new InvalidCommandException(
                    where + ": country '" + code + "' is not an ISO-3166 alpha-2 code (for example DE, US, JP)");
        }
    }

    public static void requireNotNegative(BigDecimal amount, String field, String where) {
        requirePresent(amount, field, where);
        if (amount.signum() < 0) {
            throw new InvalidCommandException(where + ": " + field + " must not be negative, was " + amount);
        }
    }

    /**
     * An amount that can be paid in {@code currency}: no more decimals than the currency has
     * (2 for EUR, 0 for JPY), so that sums and refunds stay exact in that currency.
     */
    public static void requireMinorUnits(BigDecimal amount, String currency, String field, String where) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        if (amount.stripTrailingZeros().scale() > digits) {
            throw new InvalidCommandException(where + ": " + field + " " + amount.toPlainString() + " has more than "
                    + digits + " decimals, which " + currency + " does not have");
        }
    }

    public static void requireNotEmpty(Collection<?> values, String field, String where) {
        if (values == null || values.isEmpty()) {
            throw new InvalidCommandException(where + ": at least one " + field + " is required");
        }
    }

    /**
     * A plausible e-mail address: exactly one '@' with text before it, a dot inside the domain
     * (not at its start or end), no whitespace. Deliverability is not the domain's business.
     */
    public static void requireEmail(String email, String where) {
        requireText(email, "email", where);
        int at = email.indexOf('@');
        String domain = at < 0 ? "" : email.substring(at + 1);
        boolean valid = at > 0
                && email.indexOf('@', at + 1) < 0
                && email.chars().noneMatch(Character::isWhitespace)
                && domain.indexOf('.') > 0
                && !domain.endsWith(".");
        if (!valid) {
            throw new InvalidCommandException(
                    where + ": email '" + email + "' is not an address (one '@', a dot in the domain, no spaces)");
        }
    }

    /**
     * Business times of an aggregate do not go back before its beginning: {@code at} (the
     * command's {@code field}) must not be earlier than {@code since}, when {@code what} happened.
     */
    public static void requireNotBefore(Instant at, String field, Instant since, String what, String where) {
        requirePresent(at, field, where);
        if (at.isBefore(since)) {
            throw new InvalidCommandException(where + ": " + field + " " + at + " is before " + what + " at " + since);
        }
    }

    private static Set<String> legalTender() {
        Set<String> codes = new HashSet<>();
        for (String country : Locale.getISOCountries()) {
            try {
                Currency currency = Currency.getInstance(new Locale("", country));
                if (currency != null) {
                    codes.add(currency.getCurrencyCode());
                }
            } catch (IllegalArgumentException e) {
                // A country the JDK's currency table does not cover has no money to add.
            }
        }
        return Set.copyOf(codes);
    }
}
