package dev.salesflow.generator.sale;

import static dev.salesflow.events.sale.PaymentMethod.APPLE_PAY;
import static dev.salesflow.events.sale.PaymentMethod.BANK_TRANSFER;
import static dev.salesflow.events.sale.PaymentMethod.BUY_NOW_PAY_LATER;
import static dev.salesflow.events.sale.PaymentMethod.CARD;
import static dev.salesflow.events.sale.PaymentMethod.CASH;
import static dev.salesflow.events.sale.PaymentMethod.GOOGLE_PAY;
import static dev.salesflow.events.sale.PaymentMethod.PAYPAL;

import dev.salesflow.events.sale.PaymentMethod;
import dev.salesflow.generator.chance.WeightedChoice;
import java.util.List;
import java.util.Map;

/**
 * How each market shops: where (shop, own web shop, marketplace), on which device, and how it
 * pays. The figures are plausible shares, not statistics; they make the markets differ the way
 * they do in reality: iDEAL bank transfers in NL, Klarna invoices in SE and DE, cards and Apple
 * Pay in the US and GB, cash at the till in JP and DE, card instalments (parcelado, modelled as
 * BUY_NOW_PAY_LATER) and Pix (BANK_TRANSFER) in BR, BLIK and transfers in PL.
 *
 * @param shopShare        share of home sales in a physical shop while shops are open
 * @param marketplaceShare share of online sales on the marketplace (where the shop sells on one)
 * @param appShare         share of own-web-shop sales placed in the mobile app rather than the web
 * @param online           payment at an online checkout (web, app, marketplace)
 * @param till             payment over the counter
 */
record CountryHabits(
        double shopShare,
        double marketplaceShare,
        double appShare,
        WeightedChoice<PaymentMethod> online,
        WeightedChoice<PaymentMethod> till) {

    private static final List<PaymentMethod> ONLINE =
            List.of(CARD, PAYPAL, APPLE_PAY, GOOGLE_PAY, BANK_TRANSFER, BUY_NOW_PAY_LATER);
    private static final List<PaymentMethod> TILL = List.of(CARD, CASH, APPLE_PAY, GOOGLE_PAY, BUY_NOW_PAY_LATER);

    //                                  shop  mkt   app    online: card paypal apple google bank bnpl | till: card cash
    // apple google bnpl
    private static final Map<String, CountryHabits> BY_COUNTRY = Map.ofEntries(
            Map.entry("US", of(0.45, 0.30, 0.45, new double[] {52, 13, 19, 8, 1, 7}, new double[] {56, 9, 22, 9, 4})),
            Map.entry("GB", of(0.40, 0.25, 0.42, new double[] {50, 15, 20, 8, 2, 5}, new double[] {56, 7, 26, 10, 1})),
            Map.entry("DE", of(0.50, 0.25, 0.30, new double[] {18, 32, 5, 3, 14, 28}, new double[] {42, 44, 8, 5, 1})),
            Map.entry("FR", of(0.55, 0.15, 0.35, new double[] {62, 14, 10, 6, 3, 5}, new double[] {70, 12, 11, 6, 1})),
            Map.entry("JP", of(0.65, 0.35, 0.50, new double[] {58, 6, 12, 4, 10, 10}, new double[] {32, 55, 8, 3, 2})),
            Map.entry("IT", of(0.60, 0.25, 0.30, new double[] {45, 30, 8, 6, 6, 5}, new double[] {52, 33, 9, 5, 1})),
            Map.entry("ES", of(0.55, 0.25, 0.35, new double[] {55, 20, 10, 7, 4, 4}, new double[] {60, 22, 11, 6, 1})),
            Map.entry("NL", of(0.40, 0.30, 0.40, new double[] {10, 10, 6, 3, 58, 13}, new double[] {72, 6, 14, 7, 1})),
            Map.entry("BR", of(0.55, 0.45, 0.45, new double[] {38, 6, 2, 6, 22, 26}, new double[] {44, 14, 3, 7, 32})),
            Map.entry("CA", of(0.50, 0.00, 0.35, new double[] {60, 15, 12, 8, 1, 4}, new double[] {62, 10, 18, 9, 1})),
            Map.entry("PL", of(0.45, 0.50, 0.40, new double[] {18, 6, 5, 7, 56, 8}, new double[] {58, 24, 9, 8, 1})),
            Map.entry("AU", of(0.50, 0.00, 0.40, new double[] {45, 12, 17, 8, 2, 16}, new double[] {52, 8, 24, 10, 6})),
            Map.entry("CH", of(0.55, 0.30, 0.35, new double[] {45, 14, 14, 5, 17, 5}, new double[] {50, 26, 16, 7, 1})),
            Map.entry("SE", of(0.40, 0.00, 0.45, new double[] {24, 3, 9, 4, 22, 38}, new double[] {68, 2, 20, 9, 1})));

    /** Habits of a market; markets not in the table shop like the average European one. */
    static CountryHabits of(String country) {
        CountryHabits habits = BY_COUNTRY.get(country);
        return habits != null ? habits : BY_COUNTRY.get("FR");
    }

    private static CountryHabits of(double shop, double marketplace, double app, double[] online, double[] till) {
        return new CountryHabits(
                shop, marketplace, app, WeightedChoice.of(ONLINE, online), WeightedChoice.of(TILL, till));
    }
}
