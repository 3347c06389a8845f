package dev.salesflow.events.customer;

/** Loyalty programme levels, lowest first. */
public enum LoyaltyTier {
    STANDARD,
    SILVER,
    GOLD,
    PLATINUM
}
