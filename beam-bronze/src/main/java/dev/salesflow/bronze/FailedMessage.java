package dev.salesflow.bronze;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A message that could not be landed, kept whole for the dead-letter table: its original bytes
 * and attributes, why it failed and where.
 *
 * @param ackId         as in {@link BronzeEvent}: set only when the writer acks after landing
 * @param deadLetterKey what the dead-letter table is idempotent on: {@link #key} of the message's
 *                      whole data, its attributes and the reason. The same message failing the same
 *                      way again (a redelivery) gives the same key; any other failure a new one.
 *                      Not the Pub/Sub message id: an emulator numbers its messages from 1 again
 *                      after every start, so ids repeat across runs while the table keeps its rows.
 */
public record FailedMessage(
        String pubsubMessageId,
        byte[] payloadBytes,
        String payloadString,
        String attributesJson,
        String errorMessage,
        String stacktrace,
        Instant failedAt,
        String ackId,
        String deadLetterKey)
        implements Serializable {

    /** A message read through PubsubIO, which acks by itself. */
    public FailedMessage(
            String pubsubMessageId,
            byte[] payloadBytes,
            String payloadString,
            String attributesJson,
            String errorMessage,
            String stacktrace,
            Instant failedAt) {
        this(pubsubMessageId, payloadBytes, payloadString, attributesJson, errorMessage, stacktrace, failedAt, null);
    }

    /** The whole message is kept in {@code payloadBytes}: the key is computed from it. */
    public FailedMessage(
            String pubsubMessageId,
            byte[] payloadBytes,
            String payloadString,
            String attributesJson,
            String errorMessage,
            String stacktrace,
            Instant failedAt,
            String ackId) {
        this(
                pubsubMessageId,
                payloadBytes,
                payloadString,
                attributesJson,
                errorMessage,
                stacktrace,
                failedAt,
                ackId,
                key(payloadBytes, attributesJson, errorMessage));
    }

    /**
     * SHA-256 (hex) of the message data, its attributes (as the sorted JSON kept in the row) and the
     * reason, each length-prefixed so that no two different triples hash the same input.
     */
    public static String key(byte[] data, String attributesJson, String reason) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, data == null ? new byte[0] : data);
            update(sha, (attributesJson == null ? "" : attributesJson).getBytes(StandardCharsets.UTF_8));
            update(sha, (reason == null ? "" : reason).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void update(MessageDigest sha, byte[] part) {
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(part.length).array());
        sha.update(part);
    }
}
