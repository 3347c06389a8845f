package dev.salesflow.bronze;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesflow.events.EventTypes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Reads the event envelope of a Pub/Sub message (see DESIGN.md). Valid envelopes go to
 * {@link #PARSED}; anything else goes to {@link #FAILED} with the reason, never dropped.
 */
public class ParseEnvelopeFn extends DoFn<PubsubMessage, BronzeEvent> {

    public static final TupleTag<BronzeEvent> PARSED = new TupleTag<>() {};
    public static final TupleTag<FailedMessage> FAILED = new TupleTag<>() {};

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How much of an oversize message the dead-letter row keeps (in both payload columns). */
    public static final int OVERSIZE_PREFIX_BYTES = 64 * 1024;

    private final Counter parsed = Metrics.counter(ParseEnvelopeFn.class, "parsed");
    private final Counter failed = Metrics.counter(ParseEnvelopeFn.class, "dead_lettered");

    private final int maxMessageBytes;

    /** @param maxMessageBytes larger message data is dead-lettered, keeping its first 64 KiB */
    public ParseEnvelopeFn(int maxMessageBytes) {
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive, was " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    @ProcessElement
    public void process(@Element PubsubMessage message, MultiOutputReceiver out) {
        route(message.getPayload(), message.getAttributeMap(), message.getMessageId(), null, out);
    }

    /**
     * Parses one message and outputs its event to {@link #PARSED} or its dead letter to {@link #FAILED};
     * shared by both read paths, so that they accept and reject exactly the same input.
     *
     * @param ackId the delivery's ack id when the writer acks after landing, else {@code null}
     */
    void route(
            byte[] payload, Map<String, String> attributeMap, String messageId, String ackId, MultiOutputReceiver out) {
        byte[] bytes = payload == null ? new byte[0] : payload;
        String attributes = attributesJson(attributeMap);
        if (bytes.length > maxMessageBytes) {
            int kept = Math.min(bytes.length, OVERSIZE_PREFIX_BYTES);
            byte[] prefix = Arrays.copyOf(bytes, kept);
            InvalidEnvelopeException e =
                    new InvalidEnvelopeException(oversizeReason(bytes.length, maxMessageBytes, kept), null);
            failed.inc();
            // Keyed on the whole data, so two oversize messages sharing their first 64 KiB stay two rows.
            out.get(FAILED)
                    .output(new FailedMessage(
                            messageId,
                            prefix,
                            lenientText(prefix),
                            attributes,
                            e.getMessage(),
                            stackTrace(e),
                            Instant.now(),
                            ackId,
                            FailedMessage.key(bytes, attributes, e.getMessage())));
            return;
        }
        try {
            String text = decodeUtf8(bytes);
            BronzeEvent event = parse(text, messageId, attributes);
            out.get(PARSED).output(ackId == null ? event : event.withAckId(ackId));
            parsed.inc();
        } catch (InvalidEnvelopeException e) {
            failed.inc();
            out.get(FAILED)
                    .output(new FailedMessage(
                            messageId,
                            bytes,
                            lenientText(bytes),
                            attributes,
                            e.getMessage(),
                            stackTrace(e),
                            Instant.now(),
                            ackId));
        }
    }

    static String oversizeReason(int size, int limit, int kept) {
        return "message data is " + size + " bytes, over the limit of " + limit + " bytes (--maxMessageBytes);"
                + " payload_bytes and payload_string keep only the first " + kept + " bytes";
    }

    static BronzeEvent parse(String text, String messageId, String attributesJson) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidEnvelopeException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (envelope == null || !envelope.isObject()) {
            throw new InvalidEnvelopeException("not an event envelope: expected a JSON object", null);
        }
        JsonNode payload = envelope.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new InvalidEnvelopeException("field 'payload' is missing or not an object", null);
        }
        String eventId = requiredText(envelope, "event_id");
        String eventType = requiredText(envelope, "event_type");
        if (!EventTypes.isKnown(eventType)) {
            throw new InvalidEnvelopeException(
                    "unknown event_type '" + eventType + "'; known types: " + String.join(", ", EventTypes.known()),
                    null);
        }
        String revision = optionalText(envelope, "event_revision");
        if (!EventTypes.isKnownRevision(eventType, revision)) {
            String shown = revision == null ? "null" : "'" + revision + "'";
            throw new InvalidEnvelopeException(
                    "unknown event_revision " + shown + " of " + eventType
                            + "; known revisions: " + EventTypes.describeRevisions(eventType)
                            + " (" + EventTypes.RESOURCE + ")",
                    null);
        }
        long sequenceNumber = requiredLong(envelope, "sequence_number");
        if (sequenceNumber < 0) {
            throw new InvalidEnvelopeException(
                    "field 'sequence_number' must not be negative, was " + sequenceNumber, null);
        }
        return new BronzeEvent(
                eventId,
                eventType,
                revision,
                requiredText(envelope, "aggregate_type"),
                requiredText(envelope, "aggregate_id"),
                sequenceNumber,
                requiredInstant(envelope, "occurred_at"),
                optionalInstant(envelope, "published_at"),
                payload.toString(),
                text,
                messageId,
                attributesJson);
    }

    private static String requiredText(JsonNode envelope, String field) {
        JsonNode value = envelope.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidEnvelopeException("field '" + field + "' is missing", null);
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidEnvelopeException("field '" + field + "' must be a non-empty string, was " + value, null);
        }
        return value.asText();
    }

    private static String optionalText(JsonNode envelope, String field) {
        JsonNode value = envelope.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static long requiredLong(JsonNode envelope, String field) {
        JsonNode value = envelope.get(field);
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw new InvalidEnvelopeException("field '" + field + "' must be an integer, was " + value, null);
        }
        return value.asLong();
    }

    private static Instant requiredInstant(JsonNode envelope, String field) {
        requiredText(envelope, field);
        return optionalInstant(envelope, field);
    }

    private static Instant optionalInstant(JsonNode envelope, String field) {
        String text = optionalText(envelope, field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidEnvelopeException("field '" + field + "' is not an RFC 3339 UTC time: " + text, e);
        }
    }

    private static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidEnvelopeException("message data is not UTF-8 text", e);
        }
    }

    private static String lenientText(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String attributesJson(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(attributes == null ? Map.of() : new TreeMap<>(attributes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("attributes cannot be written as JSON", e);
        }
    }

    private static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /** The message is not a valid event envelope; the message says why. */
    static final class InvalidEnvelopeException extends RuntimeException {
        InvalidEnvelopeException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
