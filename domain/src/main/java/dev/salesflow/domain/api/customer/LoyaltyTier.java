package dev.salesflow.domain.api.customer;

/** Loyalty programme levels, lowest first. */
public enum LoyaltyTier {
    STANDARD,
    SILVER,
    GOLD,
    PLATINUM
}
