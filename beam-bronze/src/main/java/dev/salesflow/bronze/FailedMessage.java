package dev.salesflow.bronze;

import java.io.Serializable;
import java.time.Instant;

/**
 * A message that could not be landed, kept whole for the dead-letter table: its original bytes
 * and attributes, why it failed and where.
 *
 * @param ackId as in {@link BronzeEvent}: set only when the writer acks after landing
 */
public record FailedMessage(
        String pubsubMessageId,
        byte[] payloadBytes,
        String payloadString,
        String attributesJson,
        String errorMessage,
        String stacktrace,
        Instant failedAt,
        String ackId) implements Serializable {

    /** A message read through PubsubIO, which acks by itself. */
    public FailedMessage(String pubsubMessageId, byte[] payloadBytes, String payloadString, String attributesJson,
            String errorMessage, String stacktrace, Instant failedAt) {
        this(pubsubMessageId, payloadBytes, payloadString, attributesJson, errorMessage, stacktrace, failedAt, null);
    }
}
