package dev.salesflow.gold;

/**
 * What the event store holds, for the reconciliation store = bronze = silver: the store is not in
 * the warehouse, so the application hands the orchestrator this (the CLI on a stopped data
 * directory has none, and that check is then recorded as not run).
 */
@FunctionalInterface
public interface EventStoreCounts {

    /** How many events of this type (simple class name, e.g. SalePlacedEvent) the store holds. */
    long eventsOfType(String eventType);
}
