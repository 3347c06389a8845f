package dev.salesflow.gold;

/**
 * What the event store holds, for the reconciliation store = bronze = silver: the store is not in
 * the warehouse, so the application hands the orchestrator this (the command line on a stopped
 * data directory has none, and that part of the check is then recorded as not available).
 */
@FunctionalInterface
public interface EventStoreCounts {

    /** How many sales the store holds (SalePlacedEvent, one per Sale aggregate). */
    long salesPlaced();
}
