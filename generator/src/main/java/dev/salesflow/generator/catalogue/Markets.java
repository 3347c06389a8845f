package dev.salesflow.generator.catalogue;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The countries the simulated shop serves. Order here is part of the determinism contract. */
public final class Markets {

    private static final List<Country> ALL = List.of(
            new Country(
                    "US",
                    "USD",
                    Locale.forLanguageTag("en-US"),
                    20,
                    -5,
                    "Amazon US",
                    List.of("New York", "Los Angeles", "Chicago", "Houston", "Seattle", "Boston"),
                    List.of("gmail.com", "yahoo.com", "outlook.com", "icloud.com")),
            new Country(
                    "DE",
                    "EUR",
                    Locale.forLanguageTag("de"),
                    14,
                    1,
                    "Amazon.de",
                    List.of("Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt am Main", "Stuttgart"),
                    List.of("gmx.de", "web.de", "t-online.de", "gmail.com")),
            new Country(
                    "GB",
                    "GBP",
                    Locale.forLanguageTag("en-GB"),
                    11,
                    0,
                    "Amazon UK",
                    List.of("London", "Manchester", "Birmingham", "Glasgow", "Leeds", "Bristol"),
                    List.of("gmail.com", "btinternet.com", "outlook.com", "yahoo.co.uk")),
            new Country(
                    "FR",
                    "EUR",
                    Locale.forLanguageTag("fr"),
                    10,
                    1,
                    "Cdiscount",
                    List.of("Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Bordeaux"),
                    List.of("orange.fr", "free.fr", "gmail.com", "laposte.net")),
            new Country(
                    "JP",
                    "JPY",
                    Locale.forLanguageTag("ja"),
                    8,
                    9,
                    "Rakuten Ichiba",
                    List.of("Tokyo", "Osaka", "Yokohama", "Nagoya", "Sapporo", "Fukuoka"),
                    List.of("docomo.ne.jp", "yahoo.co.jp", "gmail.com")),
            new Country(
                    "IT",
                    "EUR",
                    Locale.forLanguageTag("it"),
                    7,
                    1,
                    "Amazon.it",
                    List.of("Rome", "Milan", "Naples", "Turin", "Bologna"),
                    List.of("libero.it", "virgilio.it", "gmail.com")),
            new Country(
                    "ES",
                    "EUR",
                    Locale.forLanguageTag("es"),
                    7,
                    1,
                    "Amazon.es",
                    List.of("Madrid", "Barcelona", "Valencia", "Seville", "Bilbao"),
                    List.of("gmail.com", "hotmail.es", "telefonica.net")),
            new Country(
                    "NL",
                    "EUR",
                    Locale.forLanguageTag("nl"),
                    5,
                    1,
                    "bol.",
                    List.of("Amsterdam", "Rotterdam", "Utrecht", "The Hague", "Eindhoven"),
                    List.of("ziggo.nl", "kpnmail.nl", "gmail.com")),
            new Country(
                    "BR",
                    "BRL",
                    Locale.forLanguageTag("pt-BR"),
                    5,
                    -3,
                    "Mercado Livre",
                    List.of("São Paulo", "Rio de Janeiro", "Brasília", "Belo Horizonte", "Salvador"),
                    List.of("uol.com.br", "gmail.com", "hotmail.com")),
            new Country(
                    "CA",
                    "CAD",
                    Locale.forLanguageTag("en-CA"),
                    4,
                    -5,
                    null,
                    List.of("Toronto", "Montreal", "Vancouver", "Calgary", "Ottawa"),
                    List.of("gmail.com", "rogers.com", "outlook.com")),
            new Country(
                    "PL",
                    "PLN",
                    Locale.forLanguageTag("pl"),
                    4,
                    1,
                    "Allegro",
                    List.of("Warsaw", "Kraków", "Wrocław", "Gdańsk", "Poznań"),
                    List.of("wp.pl", "onet.pl", "gmail.com")),
            new Country(
                    "AU",
                    "AUD",
                    Locale.forLanguageTag("en-AU"),
                    3,
                    10,
                    null,
                    List.of("Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide"),
                    List.of("bigpond.com", "gmail.com", "outlook.com")),
            new Country(
                    "CH",
                    "CHF",
                    Locale.forLanguageTag("de-CH"),
                    3,
                    1,
                    "Galaxus",
                    List.of("Zurich", "Geneva", "Basel", "Bern", "Lausanne"),
                    List.of("bluewin.ch", "gmx.ch", "gmail.com")),
            new Country(
                    "SE",
                    "SEK",
                    Locale.forLanguageTag("sv"),
                    3,
                    1,
                    null,
                    List.of("Stockholm", "Gothenburg", "Malmö", "Uppsala"),
                    List.of("telia.com", "gmail.com", "outlook.com")));

    private Markets() {}

    /** All markets, largest first (ties keep this file's order). */
    public static List<Country> all() {
        return ALL.stream()
                .sorted(Comparator.comparingDouble(Country::marketWeight).reversed())
                .toList();
    }

    public static Optional<Country> byCode(String code) {
        return ALL.stream().filter(c -> c.code().equals(code)).findFirst();
    }
}
