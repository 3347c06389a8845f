package dev.salesflow.generator.catalogue;

import java.util.List;
import java.util.Locale;

/**
 * A market the shop sells in.
 *
 * @param code         ISO-3166 alpha-2
 * @param currency     ISO-4217 code of the money customers pay with there
 * @param nameLocale   the Datafaker locale customer names are drawn from
 * @param marketWeight relative size of the market: share of customers and of stores
 * @param utcOffset    standard-time offset in hours (no daylight saving: one fixed clock per market)
 * @param marketplace  the marketplace the shop also sells on there, or null
 * @param cities       real cities, the main city first (it hosts the online store and the flagship)
 * @param mailDomains  e-mail providers common in the country
 */
public record Country(
        String code,
        String currency,
        Locale nameLocale,
        double marketWeight,
        int utcOffset,
        String marketplace,
        List<String> cities,
        List<String> mailDomains) {

    public Country {
        cities = List.copyOf(cities);
        mailDomains = List.copyOf(mailDomains);
    }

    public String mainCity() {
        return cities.get(0);
    }

    /** Names in this locale are written family name first. */
    boolean familyNameFirst() {
        return "ja".equals(nameLocale.getLanguage());
    }
}
