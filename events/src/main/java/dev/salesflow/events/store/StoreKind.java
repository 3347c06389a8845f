package dev.salesflow.events.store;

/** A shop in a city, the retailer's own web shop for a country, or its shop on a marketplace. */
public enum StoreKind {
    PHYSICAL,
    ONLINE,
    MARKETPLACE
}
