package dev.salesflow.projection.runtime;

/**
 * What a projection knows of an event besides its payload.
 *
 * @param eventId        Axon's event identifier (bronze's {@code event_id})
 * @param aggregateId    the aggregate that emitted it
 * @param sequenceNumber its position in that aggregate's stream: a row that already reflects this
 *                       number (or a later one) must not apply it again
 */
public record EventContext(String eventId, String aggregateId, long sequenceNumber) {}
