package dev.salesflow.generator.catalogue;

import dev.salesflow.generator.chance.Seeds;
import dev.salesflow.generator.chance.Stream;
import dev.salesflow.generator.chance.WeightedChoice;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import net.datafaker.Faker;

/**
 * Draws the customers: a country in proportion to market size (only markets with a store), a
 * city leaning to the big ones, a Datafaker name in the country's locale, an e-mail derived from
 * the name and the customer's number, and a heavy-tailed propensity to buy.
 */
public final class CustomerBase {

    /**
     * Spread of the log-normal buying propensity. At 1.3 the top 10% of customers bring about half
     * of the revenue, a common shape for retail; they are the VIPs the marts look for.
     */
    private static final double PROPENSITY_SIGMA = 1.3;
    /** Typical spend before the simulation starts, for a customer of median propensity. */
    private static final double PRIOR_SPEND_CENTS = 1_200_00;

    private final long seed;
    private final WeightedChoice<Country> countries;
    private final Map<Locale, NameSource> names = new HashMap<>();
    private final Map<String, WeightedChoice<String>> cities = new HashMap<>();

    private CustomerBase(long seed, List<Country> served) {
        this.seed = seed;
        this.countries = WeightedChoice.of(served, Country::marketWeight);
    }

    static List<CatalogueCustomer> draw(long seed, int count, List<Country> served) {
        CustomerBase base = new CustomerBase(seed, served);
        List<CatalogueCustomer> customers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            customers.add(base.customer(i));
        }
        return List.copyOf(customers);
    }

    private CatalogueCustomer customer(int index) {
        SplittableRandom random = Seeds.randomFor(seed, Stream.CUSTOMER, index);
        Country country = countries.pick(random);
        String city = cities.computeIfAbsent(country.code(), code -> bigCityFirst(country.cities()))
                .pick(random);
        double propensity = Math.exp(PROPENSITY_SIGMA * random.nextGaussian());
        String domain =
                country.mailDomains().get(random.nextInt(country.mailDomains().size()));

        NameSource source = names.computeIfAbsent(country.nameLocale(), NameSource::new);
        PersonName person = source.draw(Seeds.derive(seed, Stream.CUSTOMER_NAME, index));
        String name =
                country.familyNameFirst() ? person.last() + " " + person.first() : person.first() + " " + person.last();
        String mailbox = mailbox(person, index);
        // Earlier purchases follow the same propensity: the big spenders of the past are today's VIPs.
        long priorSpendCents = Math.round(PRIOR_SPEND_CENTS * propensity * Math.exp(0.6 * random.nextGaussian()));
        return new CatalogueCustomer(
                index,
                Seeds.id(seed, "customer", index),
                name,
                mailbox + "@" + domain,
                mailbox,
                country,
                city,
                propensity,
                priorSpendCents);
    }

    /** The main city weighs most, then each next city a little less (1, 1/2, 1/3, ...). */
    public static WeightedChoice<String> bigCityFirst(List<String> cities) {
        double[] weights = new double[cities.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 1.0 / (i + 1);
        }
        return WeightedChoice.of(cities, weights);
    }

    /** first.last.N in plain ASCII; the customer number N makes it unique. */
    static String mailbox(PersonName person, int index) {
        String first = ascii(person.first());
        String last = ascii(person.last());
        String stem = first.isEmpty() || last.isEmpty() ? "customer" : first + "." + last;
        return stem + "." + (index + 1);
    }

    static String ascii(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replace("ß", "ss")
                .replace("ø", "o")
                .replace("æ", "ae")
                .replace("œ", "oe")
                .replace("ł", "l")
                .replace("đ", "d");
        return folded.replaceAll("[^a-z0-9]", "");
    }

    record PersonName(String first, String last) {}

    /**
     * One Datafaker instance per locale (loading a locale is slow), reseeded before each
     * customer so that a name depends only on the customer's own seed.
     */
    private static final class NameSource {
        private final Random random = new Random(0);
        private final Faker faker;

        NameSource(Locale locale) {
            this.faker = new Faker(locale, random);
        }

        PersonName draw(long nameSeed) {
            random.setSeed(nameSeed);
            return new PersonName(faker.name().firstName(), faker.name().lastName());
        }
    }
}
