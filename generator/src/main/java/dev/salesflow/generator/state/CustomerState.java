package dev.salesflow.generator.state;

import dev.salesflow.events.customer.LoyaltyTier;
import dev.salesflow.generator.catalogue.CatalogueCustomer;
import dev.salesflow.generator.catalogue.Country;

/**
 * A customer as the shop knows them now: where they live, their e-mail, their loyalty tier and
 * their net spend (prior spend, plus sales less cancellations and refunds) in EUR cents at
 * list-price value. The tier follows the spend both ways.
 */
public final class CustomerState {

    /** Net spend in EUR from which a tier applies: SILVER, GOLD, PLATINUM. */
    private static final long[] TIER_FROM_CENTS = {2_500_00, 8_000_00, 20_000_00};

    private final CatalogueCustomer registered;
    private Country country;
    private String city;
    private String email;
    private int emailChanges;
    private LoyaltyTier tier;
    private long spendCents;

    CustomerState(CatalogueCustomer registered) {
        this.registered = registered;
        this.country = registered.country();
        this.city = registered.city();
        this.email = registered.email();
        this.spendCents = registered.priorSpendCents();
        this.tier = tierFor(spendCents);
    }

    public CatalogueCustomer registered() {
        return registered;
    }

    public String customerId() {
        return registered.customerId();
    }

    public Country country() {
        return country;
    }

    public String city() {
        return city;
    }

    public String email() {
        return email;
    }

    public int emailChanges() {
        return emailChanges;
    }

    public LoyaltyTier tier() {
        return tier;
    }

    public long spendCents() {
        return spendCents;
    }

    /** Adds (or, negative, takes back) spend; returns the new tier if it changed, else null. */
    public LoyaltyTier spend(long cents) {
        spendCents += cents;
        LoyaltyTier earned = tierFor(spendCents);
        if (earned == tier) {
            return null;
        }
        tier = earned;
        return earned;
    }

    /** The tier a net spend earns. */
    public static LoyaltyTier tierFor(long cents) {
        LoyaltyTier tier = LoyaltyTier.STANDARD;
        for (int i = 0; i < TIER_FROM_CENTS.length; i++) {
            if (cents >= TIER_FROM_CENTS[i]) {
                tier = LoyaltyTier.values()[i + 1];
            }
        }
        return tier;
    }

    void move(Country country, String city) {
        this.country = country;
        this.city = city;
    }

    void changeEmail(String email) {
        this.email = email;
        this.emailChanges++;
    }
}
