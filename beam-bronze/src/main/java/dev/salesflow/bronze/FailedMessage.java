package dev.salesflow.bronze;

import java.io.Serializable;
import java.time.Instant;

/**
 * A message that could not be landed, kept whole for the dead-letter table: its original bytes
 * and attributes, why it failed and where.
 */
public record FailedMessage(
        String pubsubMessageId,
        byte[] payloadBytes,
        String payloadString,
        String attributesJson,
        String errorMessage,
        String stacktrace,
        Instant failedAt) implements Serializable {
}
