package dev.salesflow.eventstore;

/** Where an event sits in the store's global order, and its id. */
public record StoredEventId(long globalIndex, String eventId) {}
