package dev.salesflow.bronze;

import java.io.Serializable;
import java.time.Instant;

/**
 * One event as it lands in {@code sales_bronze.sales_events}: the typed envelope columns, the
 * payload as JSON, and the message exactly as it arrived.
 *
 * @param ackId the Pub/Sub ack id of this delivery when the writer acks after landing (read path
 *              {@code GRPC_BATCHES}); {@code null} when PubsubIO acks
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
        String attributesJson,
        String ackId)
        implements Serializable {

    /** An event read through PubsubIO, which acks by itself. */
    public BronzeEvent(
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
            String attributesJson) {
        this(
                eventId,
                eventType,
                eventRevision,
                aggregateType,
                aggregateId,
                sequenceNumber,
                occurredAt,
                publishedAt,
                payloadJson,
                rawMessage,
                pubsubMessageId,
                attributesJson,
                null);
    }

    BronzeEvent withAckId(String value) {
        return new BronzeEvent(
                eventId,
                eventType,
                eventRevision,
                aggregateType,
                aggregateId,
                sequenceNumber,
                occurredAt,
                publishedAt,
                payloadJson,
                rawMessage,
                pubsubMessageId,
                attributesJson,
                value);
    }
}
