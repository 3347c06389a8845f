package dev.salesflow.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import dev.salesflow.events.DomainEvent;
import dev.salesflow.events.EventEnvelope;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/**
 * Turns an Axon event into the Pub/Sub message of the contract in DESIGN.md: the JSON envelope
 * as data, {@code event_id}, {@code event_type} and {@code occurred_at} as attributes, and the
 * aggregate id as ordering key.
 */
public class EventEnvelopes {

    private final ObjectMapper json;
    private final Clock clock;

    public EventEnvelopes(ObjectMapper json) {
        this(json, Clock.systemUTC());
    }

    EventEnvelopes(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public PubsubMessage toMessage(EventMessage<?> event) {
        Object payload = event.getPayload();
        String eventType = EventEnvelope.eventType(payload.getClass());
        Instant occurredAt =
                payload instanceof DomainEvent domainEvent ? domainEvent.occurredAt() : event.getTimestamp();

        ObjectNode envelope = json.createObjectNode();
        envelope.put(EventEnvelope.EVENT_ID, event.getIdentifier());
        envelope.put(EventEnvelope.EVENT_TYPE, eventType);
        envelope.put(EventEnvelope.EVENT_REVISION, EventEnvelope.revisionOf(payload.getClass()));
        String aggregateId = null;
        if (event instanceof DomainEventMessage<?> domainEvent) {
            aggregateId = domainEvent.getAggregateIdentifier();
            envelope.put(EventEnvelope.AGGREGATE_TYPE, domainEvent.getType());
            envelope.put(EventEnvelope.AGGREGATE_ID, aggregateId);
            envelope.put(EventEnvelope.SEQUENCE_NUMBER, domainEvent.getSequenceNumber());
        }
        envelope.put(EventEnvelope.OCCURRED_AT, occurredAt.toString());
        envelope.put(EventEnvelope.PUBLISHED_AT, clock.instant().toString());
        envelope.set(EventEnvelope.PAYLOAD, json.valueToTree(payload));

        PubsubMessage.Builder message = PubsubMessage.newBuilder()
                .setData(ByteString.copyFromUtf8(write(envelope)))
                .putAttributes(EventEnvelope.EVENT_ID, event.getIdentifier())
                .putAttributes(EventEnvelope.EVENT_TYPE, eventType)
                .putAttributes(EventEnvelope.OCCURRED_AT, occurredAt.toString());
        if (aggregateId != null) {
            message.setOrderingKey(aggregateId);
        }
        return message.build();
    }

    private String write(ObjectNode envelope) {
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event envelope could not be written as JSON", e);
        }
    }
}
