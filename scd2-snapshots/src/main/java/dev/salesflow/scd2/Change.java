package dev.salesflow.scd2;

import java.time.Instant;
import java.util.Map;

/**
 * What one domain event changed in an entity: the values it set, and when that happened in
 * business time. A version row of the history keeps exactly this (its change type says which
 * attributes the event set, and those columns of its own row always hold the event's values), so
 * the changes can be read back from the rows and folded again when a late event arrives.
 *
 * @param sequenceNumber the event's position in its aggregate's stream (unique per aggregate)
 * @param at             business time of the change, truncated to the warehouse's microseconds
 * @param changeType     e.g. {@code MOVED}; says which attributes {@code values} holds
 * @param values         attribute name → value set by the event
 */
public record Change(long sequenceNumber, Instant at, String changeType, Map<String, Object> values) {}
