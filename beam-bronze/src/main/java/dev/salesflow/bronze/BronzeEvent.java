package dev.salesflow.bronze;

import java.io.Serializable;
import java.time.Instant;

/**
 * One event as it lands in {@code sales_bronze.sales_events}: the typed envelope columns, the
 * payload as JSON, and the message exactly as it arrived.
 */
public record BronzeEvent(
        String eventId,
        String eventType,
        String eventRevision,
        String aggregateType,
        String aggregateId,
        long sequenceNumber,
        Instant occurredAt,
        Instant publishedAt,
        String payloadJson,
        String rawMessage,
        String pubsubMessageId,
        String attributesJson) implements Serializable {
}
